"""The assessment itself: its model, who may reach it, and the services that change it."""
