// A chat hub remembers each connection's address from X-Real-IP to ban abusers.
using Microsoft.AspNetCore.SignalR;

public class ChatHub : Hub
{
    private static readonly HashSet<string> Banned = new();

    public override Task OnConnectedAsync()
    {
        var ip = {|CIP0002:Context.GetHttpContext()?.Request.Headers["X-Real-IP"]|}.ToString();
        if (ip is not null && Banned.Contains(ip))
        {
            Context.Abort();
        }

        return base.OnConnectedAsync();
    }
}
