// Parses the RFC 7239 Forwarded header, reading for= from the first element of the list (the client's own claim) for a per-user IP lock. CIP0003.
public static class ForwardedParser
{
    public static string? ClientFor(HttpRequest request)
    {
        string header = {|CIP0003#a:request.Headers["Forwarded"]|}.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var firstElement = {|CIP0003#a:header.Split(',')[0]|};
        foreach (var pair in firstElement.Split(';'))
        {
            var kv = pair.Trim().Split('=', 2);
            if (kv.Length == 2 && kv[0].Equals("for", StringComparison.OrdinalIgnoreCase))
            {
                var value = kv[1].Trim('"');
                if (value.StartsWith('[') && value.IndexOf(']') > 0)
                {
                    return value.Substring(1, value.IndexOf(']') - 1);
                }
                return value;
            }
        }
        return null;
    }
}

public sealed class IpLockService
{
    private readonly Dictionary<string, string> _lockedTo = new();

    public bool Allow(HttpRequest request, string user)
    {
        var ip = ForwardedParser.ClientFor(request) ?? "";
        if (!_lockedTo.TryGetValue(user, out var locked))
        {
            _lockedTo[user] = ip;
            return true;
        }
        return locked == ip;
    }
}
