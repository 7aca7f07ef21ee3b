app_name = "lab"
urlpatterns = []
