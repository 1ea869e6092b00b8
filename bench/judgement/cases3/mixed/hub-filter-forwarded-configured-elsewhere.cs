// SignalR hub filter limits connections per address using RemoteIpAddress; forwarded headers are configured (XForwardedFor, known network) in another file that calls UseForwardedHeaders first. Quiet.
// file: Program.cs
using Microsoft.AspNetCore.SignalR;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR(o => o.AddFilter<ConnectionCapFilter>());
builder.Services.AddSingleton<ConnectionCapFilter>();
ForwardingSetup.Apply(builder.Services);

var app = builder.Build();
app.UseForwardedHeaders();
app.MapHub<ChatHub>("/chat");
app.Run();

public sealed class ChatHub : Microsoft.AspNetCore.SignalR.Hub
{
    public Task Send(string text) => Clients.All.SendAsync("message", text);
}
// file: ForwardingSetup.cs
using Microsoft.AspNetCore.HttpOverrides;

public static class ForwardingSetup
{
    public static void Apply(IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.42.0.0/16"));
        });
}
// file: ConnectionCapFilter.cs
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

public sealed class ConnectionCapFilter : IHubFilter
{
    private readonly ConcurrentDictionary<string, int> _perAddress = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var key = context.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (_perAddress.AddOrUpdate(key, 1, (_, n) => n + 1) > 10)
        {
            throw new HubException("Too many connections.");
        }
        await next(context);
    }
}
