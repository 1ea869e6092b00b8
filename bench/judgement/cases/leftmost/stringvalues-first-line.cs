// Takes the first header line as the client.
public static class FirstLine
{
    public static string? Client(HttpContext context)
    {
        var values = context.Request.Headers["X-Forwarded-For"];
        return values.Count > 0 ? {|CIP0003:values[0]|} : context.Connection.RemoteIpAddress?.ToString();
    }
}
