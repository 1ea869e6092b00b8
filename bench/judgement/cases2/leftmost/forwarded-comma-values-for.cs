// RFC 7239: the first element of Forwarded (GetCommaSeparatedValues) is parsed for its for= parameter and used to bind a session to an address. CIP0003.
using System.Net;

public static class SessionBinding
{
    public static string? ClientFromForwarded(HttpRequest request)
    {
        var element = {|CIP0003:request.Headers.GetCommaSeparatedValues("Forwarded").FirstOrDefault()|};
        if (element is null)
        {
            return null;
        }

        foreach (var pair in element.Split(';'))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("for", StringComparison.OrdinalIgnoreCase))
            {
                var value = parts[1].Trim('"');
                return value.StartsWith('[') ? value[1..value.IndexOf(']')] : value.Split(':')[0];
            }
        }

        return null;
    }

    public static bool SameClient(HttpContext context, string boundAddress) =>
        ClientFromForwarded(context.Request) is { } client && IPAddress.Parse(client).ToString() == boundAddress;
}
