using System;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClientIp;

/// <summary>
/// The per-application state of the HTTP integration: the resolver, the rate-limited warning and the logger.
/// Registered as a singleton by <c>AddClientIp</c>; without it, a built-in instance with the defaults is used.
/// </summary>
internal sealed class ClientIpServices
{
    private static readonly Lazy<ClientIpServices> LazyDefaults =
        new(() => new ClientIpServices(new ClientIpResolver(new ClientIpOptions()), logger: null, TimeProvider.System));

    // The defaults with a logger, one per application (its ILoggerFactory), so that without AddClientIp each application
    // still gets its own rate-limited warning and a logger is created once, not on every request an untrusted peer sends.
    // Weak keys: a disposed host's factory and its entry can be collected. Holds only the defaults, never configuration.
    private static readonly ConditionalWeakTable<ILoggerFactory, ClientIpServices> DefaultsByLoggerFactory = new();

    public ClientIpServices(ClientIpResolver resolver, ILogger? logger, TimeProvider time)
    {
        Resolver = resolver;
        Logger = logger;
        Warning = new UntrustedPeerWarning(time);
    }

    /// <summary>The defaults (trust loopback, read X-Forwarded-For); never configurable, so holding it statically is safe.</summary>
    public static ClientIpServices Defaults => LazyDefaults.Value;

    public ClientIpResolver Resolver { get; }

    /// <summary>The logger, or <see langword="null"/> for <see cref="Defaults"/>, which log through the request's services.</summary>
    public ILogger? Logger { get; }

    public UntrustedPeerWarning Warning { get; }

    public static ClientIpServices Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ClientIpOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("ClientIp") ?? NullLogger.Instance;
        var resolver = new ClientIpResolver(options);
        if (resolver.TrustsEveryPeer)
        {
            LogTrustEveryPeer(logger);
        }

        return new ClientIpServices(resolver, logger, services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    /// <summary>Returns the registered services, or the defaults when <c>AddClientIp</c> was not called.</summary>
    public static ClientIpServices From(IServiceProvider? services) =>
        services?.GetService<ClientIpServices>() ?? Defaults;

    /// <summary>
    /// Logs (rate-limited) that an untrusted peer sent the forwarding header. <see cref="Defaults"/> has no logger, so it
    /// reports through the defaults cached for the request's <see cref="ILoggerFactory"/>, or not at all without one.
    /// </summary>
    public void ReportUntrustedPeer(IPAddress? peer, IServiceProvider? requestServices)
    {
        var reporter = Logger is null && requestServices?.GetService<ILoggerFactory>() is { } factory
            ? DefaultsByLoggerFactory.GetValue(factory, static f => new ClientIpServices(Defaults.Resolver, f.CreateLogger("ClientIp"), TimeProvider.System))
            : this;
        if (reporter.Logger is { } logger)
        {
            reporter.Warning.Report(logger, peer, Resolver.ForwardedHeader);
        }
    }

    private static void LogTrustEveryPeer(ILogger logger) =>
        logger.LogWarning(
            new EventId(2, "UnsafeTrustEveryPeer"),
            "ClientIp:UnsafeTrustEveryPeer is on: every direct peer is treated as a trusted proxy, so any client that can reach "
            + "this application directly can choose the client address it is resolved to. List your proxies in ClientIp:TrustedProxies instead.");
}
