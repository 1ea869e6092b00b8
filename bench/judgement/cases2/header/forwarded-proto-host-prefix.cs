// Builds absolute links from X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Prefix, and reads Accept-Language: none of them names the client. Quiet.
public static class PublicUrl
{
    public static string Build(HttpRequest request, string relative)
    {
        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault() ?? request.Scheme;
        var host = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        if (host.Length == 0)
        {
            host = request.Host.Value ?? "localhost";
        }

        var prefix = request.Headers.TryGetValue("X-Forwarded-Prefix", out var p) ? p.ToString().TrimEnd('/') : "";
        return $"{scheme}://{host}{prefix}/{relative.TrimStart('/')}";
    }

    public static string Language(HttpRequest request) =>
        request.Headers.AcceptLanguage.ToString().Split(',')[0].Split(';')[0] is { Length: > 0 } lang ? lang : "en";
}
