// Anti-fraud session fingerprint hashes User-Agent with the first X-Forwarded-For header value; the first value is the client's own. CIP0003.
using System.Security.Cryptography;
using System.Text;

public static class SessionFingerprint
{
    public static string Compute(HttpContext http)
    {
        var xff = {|CIP0003#a:http.Request.Headers["X-Forwarded-For"]|};
        var address = xff.Count > 0 ? {|CIP0003#a:xff[0]|} : "none";
        var material = $"{address}|{http.Request.Headers.UserAgent}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
