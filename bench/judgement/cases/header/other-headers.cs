// Headers that carry no client address.
public static class RequestInfo
{
    public static string Describe(HttpRequest request) =>
        $"{request.Headers["X-Request-Id"]} {request.Headers["X-Forwarded-Proto"]} {request.Headers["User-Agent"]} {request.Headers["X-Forwarded-Host"]}";
}
