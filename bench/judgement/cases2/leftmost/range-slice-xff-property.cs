// Newer style: the header named by ForwardedHeadersDefaults.XForwardedForHeaderName, sliced up to the first comma with a range, keys a per-client cart cache. CIP0003 (leftmost entry).
// Verdict kept: xff[..comma] is Substring(0, IndexOf(',')) written with a range, the leftmost entry; the peer assigned when the header is empty is the idiom's fallback, not CIP0001.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.HttpOverrides;

public sealed class AnonymousCartCache
{
    private readonly ConcurrentDictionary<string, List<int>> _carts = new();

    public List<int> CartFor(HttpContext ctx)
    {
        string xff = {|CIP0003#a:ctx.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName]|}.ToString();
        int comma = xff.IndexOf(',');
        string client = {|CIP0003#a:comma < 0 ? xff : xff[..comma]|}.Trim();
        if (client.Length == 0)
        {
            client = ctx.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
        }

        return _carts.GetOrAdd(client, _ => new List<int>());
    }
}
