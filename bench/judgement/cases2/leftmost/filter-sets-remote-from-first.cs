// An action filter overwrites RemoteIpAddress with the first X-Forwarded-For value it finds: the client-written entry becomes the peer for everything after. CIP0003.
using System.Net;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Primitives;

public class ForwardedAddressFilter : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var http = context.HttpContext;
        http.Request.Headers.TryGetValue("X-Forwarded-For", out StringValues forwardedValues);

        var first = {|CIP0003:forwardedValues.FirstOrDefault()|};
        if (!string.IsNullOrEmpty(first) && IPAddress.TryParse(first, out var address))
        {
            http.Connection.RemoteIpAddress = address;
        }
    }
}
