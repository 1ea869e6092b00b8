using System;
using ClientIp;

// In the ASP.NET Core builder namespace by convention, so app.UseClientIp() needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the client-IP middleware to the pipeline.</summary>
public static class ClientIpApplicationBuilderExtensions
{
    /// <summary>
    /// Resolves the client of every request and rewrites <c>HttpContext.Connection.RemoteIpAddress</c> and
    /// <c>RemotePort</c> to it, so existing code, rate limiters and logs see the client; with <c>UseForwardedProto</c>,
    /// <c>UseForwardedHost</c> or <c>UseForwardedPrefix</c> also <c>Request.Scheme</c>, <c>Host</c> and <c>PathBase</c>. The
    /// originals stay available in <see cref="IClientIpFeature"/>. Call it first in the pipeline. Works without <c>AddClientIp</c> (defaults).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddClientIp</c> was not called and either <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> is <c>true</c> or
    /// <c>ClientIpOptions</c> were configured with <c>services.Configure</c>.
    /// </exception>
    public static IApplicationBuilder UseClientIp(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = ClientIpServices.From(app.ApplicationServices);
        if (services.Misconfiguration is { } misconfiguration)
        {
            throw new InvalidOperationException(misconfiguration);
        }

        if (!ReferenceEquals(app.ApplicationServices.GetService(typeof(ClientIpServices)), services)
            && ClientIpServices.ForwardedHeadersEnabledByVariable(app.ApplicationServices))
        {
            throw new InvalidOperationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true puts ForwardedHeadersMiddleware, trusting every peer, in front of UseClientIp(), "
                + "which would then resolve from addresses any client can choose. Call builder.Services.AddClientIp() (ClientIp then "
                + "reads each request before that middleware runs), or unset ASPNETCORE_FORWARDEDHEADERS_ENABLED.");
        }

        return app.Use(next => new ClientIpMiddleware(next, services).InvokeAsync);
    }
}
