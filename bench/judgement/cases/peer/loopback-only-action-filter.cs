// A "local requests only" action filter on an admin controller. Behind nginx on the same host every request is loopback.
using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

public sealed class LocalOnlyAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var remoteIp = {|CIP0001:context.HttpContext.Connection.RemoteIpAddress|};
        if (remoteIp is null || !IPAddress.IsLoopback(remoteIp))
        {
            context.Result = new NotFoundResult();
            return;
        }

        base.OnActionExecuting(context);
    }
}
