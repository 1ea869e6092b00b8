// The header name lives in a constant.
public static class ClientAddress
{
    private const string RealIpHeader = "X-Real-IP";

    public static string? Of(HttpRequest request)
    {
        var value = {|CIP0002:request.Headers[RealIpHeader]|}.ToString();
        return string.IsNullOrWhiteSpace(value) ? request.HttpContext.Connection.RemoteIpAddress?.ToString() : value;
    }
}
