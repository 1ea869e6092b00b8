// A hub takes the caller's address from the ClientIp resolver (through Context.GetHttpContext()) for its flood check. Quiet.
using System.Collections.Concurrent;
using System.Net;
using ClientIp;
using Microsoft.AspNetCore.SignalR;

public class ChatHub : Hub
{
    private static readonly ConcurrentDictionary<IPAddress, DateTime> LastMessage = new();

    public async Task Send(string text)
    {
        var client = Context.GetHttpContext()?.GetClientIpAddress();
        if (client is not null)
        {
            var now = DateTime.UtcNow;
            if (LastMessage.TryGetValue(client, out var last) && now - last < TimeSpan.FromSeconds(1))
            {
                throw new HubException("Slow down.");
            }

            LastMessage[client] = now;
        }

        await Clients.All.SendAsync("message", text);
    }
}
