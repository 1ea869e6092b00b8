// Finds the header by a case-insensitive key comparison over the header dictionary.
public static class Visitor
{
    public static string Address(HttpRequest request)
    {
        var realIp = {|CIP0002:request.Headers.FirstOrDefault(h => string.Equals(h.Key, "X-Real-IP", StringComparison.OrdinalIgnoreCase))|}.Value.ToString();
        return string.IsNullOrEmpty(realIp) ? "unknown" : realIp;
    }
}
