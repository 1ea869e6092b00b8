// Session fingerprint combines the resolver's client address with the User-Agent and the Accept-Language header. Quiet.
using System.Security.Cryptography;
using System.Text;
using ClientIp;

public static class SessionBinding
{
    public static string Fingerprint(HttpContext context)
    {
        var ip = context.GetClientIpAddress()?.ToString() ?? "-";
        var ua = context.Request.Headers.UserAgent.ToString();
        var lang = context.Request.Headers.AcceptLanguage.ToString();
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{ip}\n{ua}\n{lang}")));
    }

    public static bool Matches(HttpContext context, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Fingerprint(context)), Encoding.UTF8.GetBytes(stored));
}
