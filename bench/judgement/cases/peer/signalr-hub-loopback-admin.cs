// A SignalR hub that treats local connections as the administrator.
using System.Net;
using Microsoft.AspNetCore.SignalR;

public class GameHub : Hub
{
    public override Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var isAdmin = {|CIP0001:http?.Connection.RemoteIpAddress|} is { } address && IPAddress.IsLoopback(address);
        Context.Items["admin"] = isAdmin;
        return base.OnConnectedAsync();
    }
}
