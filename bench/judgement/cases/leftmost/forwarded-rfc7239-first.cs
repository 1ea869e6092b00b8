// RFC 7239 Forwarded: takes the for= of the first element.
public static class ForwardedParser
{
    public static string? ClientFor(HttpRequest request)
    {
        var first = {|CIP0003:request.Headers["Forwarded"].ToString().Split(',')[0]|};
        var pair = first.Split(';').FirstOrDefault(p => p.Trim().StartsWith("for=", StringComparison.OrdinalIgnoreCase));
        return pair?.Trim()[4..].Trim('"');
    }
}
