// Ban-list middleware reads the peer through IHttpConnectionFeature and answers 403 for banned addresses; nothing in the project handles forwarded headers: CIP0001.
using System.Net;
using Microsoft.AspNetCore.Http.Features;

public sealed class BannedAddresses
{
    private readonly HashSet<IPAddress> _banned = new();
    public void Ban(IPAddress address) => _banned.Add(address);
    public bool IsBanned(IPAddress address) => _banned.Contains(address);
}

public sealed class BanListMiddleware
{
    private readonly RequestDelegate _next;
    private readonly BannedAddresses _bans;

    public BanListMiddleware(RequestDelegate next, BannedAddresses bans)
    {
        _next = next;
        _bans = bans;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var connection = context.Features.Get<IHttpConnectionFeature>();
        var address = {|CIP0001:connection?.RemoteIpAddress|};
        if (address != null && _bans.IsBanned(address))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return _next(context);
    }
}
