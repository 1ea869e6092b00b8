// Office networks allowed to reach the back office, as System.Net.IPNetwork ranges.
using System.Net;

public sealed class OfficeNetworkFilter : IEndpointFilter
{
    private static readonly IPNetwork[] Office = { IPNetwork.Parse("10.20.0.0/16"), IPNetwork.Parse("192.168.50.0/24") };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ip = {|CIP0001:context.HttpContext.Connection.RemoteIpAddress|};
        if (ip is null || !Office.Any(network => network.Contains(ip)))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
