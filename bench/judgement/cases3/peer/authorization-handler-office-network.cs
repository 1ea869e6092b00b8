// Policy requirement "request comes from the office network": an AuthorizationHandler tests the connection's peer against configured CIDR ranges; with no forwarded headers anywhere, that is the proxy's address: CIP0001.
using System.Net;
using Microsoft.AspNetCore.Authorization;

public sealed class OfficeNetworkRequirement : IAuthorizationRequirement
{
    public OfficeNetworkRequirement(IEnumerable<string> cidrs) =>
        Networks = cidrs.Select(c => System.Net.IPNetwork.Parse(c)).ToArray();

    public IReadOnlyList<System.Net.IPNetwork> Networks { get; }
}

public sealed class OfficeNetworkHandler : AuthorizationHandler<OfficeNetworkRequirement>
{
    private readonly IHttpContextAccessor _accessor;

    public OfficeNetworkHandler(IHttpContextAccessor accessor) => _accessor = accessor;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OfficeNetworkRequirement requirement)
    {
        var http = _accessor.HttpContext;
        if (http is null)
        {
            return Task.CompletedTask;
        }

        IPAddress? caller = {|CIP0001:http.Connection.RemoteIpAddress|};
        if (caller is not null && caller.IsIPv4MappedToIPv6)
        {
            caller = caller.MapToIPv4();
        }

        if (caller is not null && requirement.Networks.Any(n => n.Contains(caller)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
