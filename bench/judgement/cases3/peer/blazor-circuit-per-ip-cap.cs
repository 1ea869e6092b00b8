// Blazor Server circuit handler caps open circuits per visitor address, taken from the connection through IHttpContextAccessor; no forwarding configured, so behind a proxy every visitor shares one cap: CIP0001.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

public sealed class CircuitQuota
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    public bool TryEnter(string key, int max)
    {
        var now = _open.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (now <= max)
        {
            return true;
        }
        _open.AddOrUpdate(key, 0, (_, n) => n - 1);
        return false;
    }

    public void Leave(string key) => _open.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));
}

public sealed class PerAddressCircuitHandler(IHttpContextAccessor accessor, CircuitQuota quota) : CircuitHandler
{
    private string _key = "unknown";

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _key = {|CIP0001:accessor.HttpContext?.Connection.RemoteIpAddress?.ToString()|} ?? "unknown";
        if (!quota.TryEnter(_key, max: 5))
        {
            throw new InvalidOperationException("Too many open sessions from this address.");
        }
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        quota.Leave(_key);
        return Task.CompletedTask;
    }
}
