from rest_framework import serializers


class IdentityTokenSerializer(serializers.Serializer):
    email = serializers.EmailField()
    lcs_token = serializers.CharField()
