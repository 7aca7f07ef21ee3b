app_name = "apartments"
urlpatterns = []
