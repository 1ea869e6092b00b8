// A chat hub caps simultaneous connections per address with the connection's peer: behind the proxy everyone shares one cap. CIP0001.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

public class LobbyHub : Hub
{
    private const int MaxConnectionsPerAddress = 3;
    private static readonly ConcurrentDictionary<string, int> OpenConnections = new();

    public override async Task OnConnectedAsync()
    {
        var address = {|CIP0001:Context.GetHttpContext()?.Connection.RemoteIpAddress|}?.ToString() ?? "none";
        var count = OpenConnections.AddOrUpdate(address, 1, (_, current) => current + 1);
        Context.Items["address"] = address;
        if (count > MaxConnectionsPerAddress)
        {
            Context.Abort();
            return;
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue("address", out var value) && value is string address)
        {
            OpenConnections.AddOrUpdate(address, 0, (_, current) => Math.Max(0, current - 1));
        }

        return base.OnDisconnectedAsync(exception);
    }
}
