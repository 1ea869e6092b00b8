// The X-Forwarded-For name in a constant, the leftmost entry as the audit address.
public class AuditWriter
{
    private const string ForwardedForHeader = "X-Forwarded-For";
    private readonly List<string> _log = new();

    public void Write(HttpContext context, string action)
    {
        var ip = {|CIP0003:context.Request.Headers[ForwardedForHeader].ToString().Split(',')[0]|}.Trim();
        _log.Add($"{DateTime.UtcNow:o} {ip} {action}");
    }
}
