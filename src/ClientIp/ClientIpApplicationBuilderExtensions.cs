using System;
using ClientIp;

// In the ASP.NET Core builder namespace by convention, so app.UseClientIp() needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the client-IP middleware to the pipeline.</summary>
public static class ClientIpApplicationBuilderExtensions
{
    /// <summary>
    /// Resolves the client of every request and rewrites <c>HttpContext.Connection.RemoteIpAddress</c> and
    /// <c>RemotePort</c> to it, so existing code, rate limiters and logs see the client. The original peer stays available
    /// in <see cref="IClientIpFeature"/>. Call it first in the pipeline. Works without <c>AddClientIp</c> (defaults).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UseClientIp(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = ClientIpServices.From(app.ApplicationServices);
        return app.Use(next => new ClientIpMiddleware(next, services).InvokeAsync);
    }
}
