// IIS server variable for the X-Forwarded-For header, used whole as the caller's key.
public static class IisClient
{
    public static string Key(HttpContext context) =>
        {|CIP0002:context.GetServerVariable("HTTP_X_FORWARDED_FOR")|} ?? context.Connection.RemoteIpAddress?.ToString() ?? "";
}
