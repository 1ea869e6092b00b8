// Behind ingress-nginx: first X-Original-Forwarded-For entry, else first X-Forwarded-For entry, else the peer, used for the audit trail. Two CIP0003 (the peer fallback is the idiom's, not marked).
// Verdict kept: the ??= peer after the header branches is the header-else-peer fallback; the mistake is reported on the header selections.
public record AuditEntry(string Action, string Actor, string Address);

public sealed class AuditTrail
{
    public List<AuditEntry> Entries { get; } = new();

    public void Record(HttpContext context, string action)
    {
        var headers = context.Request.Headers;
        string? address = null;
        if (headers.ContainsKey("X-Original-Forwarded-For"))
        {
            address = {|CIP0003:headers["X-Original-Forwarded-For"].ToString().Split(',')[0]|}.Trim();
        }
        else if (headers.ContainsKey("X-Forwarded-For"))
        {
            address = {|CIP0003:headers["X-Forwarded-For"].ToString().Split(',')[0]|}.Trim();
        }

        address ??= context.Connection.RemoteIpAddress?.ToString() ?? "-";
        Entries.Add(new AuditEntry(action, context.User.Identity?.Name ?? "anonymous", address));
    }
}
