using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ClientIp;

/// <summary>
/// Resolves every request at the very start of the pipeline, before any middleware can rewrite the connection:
/// registered first by <c>AddClientIp</c>, so it runs even before the ForwardedHeadersMiddleware that
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> or an early <c>UseForwardedHeaders()</c> adds. Later calls to
/// <c>GetClientIpAddress()</c> and <c>UseClientIp()</c> use this resolution.
/// </summary>
internal sealed class ClientIpStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var services = ClientIpServices.From(app.ApplicationServices);
        app.Use(next => context =>
        {
            ClientIpHttpContextExtensions.GetOrResolve(context, services, beforeAnyMiddleware: true);
            return next(context);
        });
        next(app);
    };
}
