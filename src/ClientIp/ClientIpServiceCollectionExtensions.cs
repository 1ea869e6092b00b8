using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ClientIp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// In the DI namespace by convention, so builder.Services.AddClientIp(...) needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the client-IP resolver.</summary>
public static class ClientIpServiceCollectionExtensions
{
    /// <summary>Registers the resolver with the default options (trust loopback, read <c>X-Forwarded-For</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddClientIp(this IServiceCollection services)
    {
        AddClientIpCore(services);
        return services;
    }

    /// <summary>Registers the resolver with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options; <c>TrustedProxies</c> starts with the loopback defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddClientIp(this IServiceCollection services, Action<ClientIpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddClientIpCore(services).Configure(configure);
        return services;
    }

    /// <summary>
    /// Registers the resolver with options bound from configuration, such as <c>builder.Configuration.GetSection("ClientIp")</c>.
    /// A <c>TrustedProxies</c> array (or a comma-separated string) replaces the loopback defaults; an empty one trusts nobody.
    /// The resolver follows changes of the configuration: a valid change applies to new requests, an invalid one is logged
    /// and the last valid configuration stays in use.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>TrustedProxies</c>, <c>ForwardedHeader</c>, <c>TrustedHopCount</c>, <c>MaxHops</c>, ...</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddClientIp(this IServiceCollection services, IConfiguration configuration) =>
        AddClientIp(services, configuration, static _ => { });

    /// <summary>Registers the resolver with options bound from configuration and then changed in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>TrustedProxies</c>, <c>ForwardedHeader</c>, <c>TrustedHopCount</c>, <c>MaxHops</c>, ...</param>
    /// <param name="configure">Runs after binding.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddClientIp(this IServiceCollection services, IConfiguration configuration, Action<ClientIpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        AddClientIpCore(services).Configure(options => ClientIpConfigurationBinder.Bind(configuration, options)).Configure(configure);
        services.AddSingleton(new ClientIpConfigurationSection(configuration));
        return services;
    }

    private static OptionsBuilder<ClientIpOptions> AddClientIpCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ClientIpOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientIpOptions>, ClientIpOptionsValidator>());
        builder.ValidateOnStart();
        services.TryAddSingleton(ClientIpServices.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClientIpServicesActivator>());
        if (!services.Any(d => d.ImplementationType == typeof(ClientIpStartupFilter)))
        {
            // First of all startup filters, so it runs before the ForwardedHeadersMiddleware the host may add.
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, ClientIpStartupFilter>());
        }

        return builder;
    }
}
