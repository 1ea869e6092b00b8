using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// The per-application state of the HTTP integration: the resolver, the rate-limited warnings and the logger.
/// Registered as a singleton by <c>AddClientIp</c>; without it, an instance with the defaults is used.
/// </summary>
internal sealed partial class ClientIpServices : IDisposable
{
    private static readonly Lazy<ClientIpServices> LazyDefaults =
        new(() => new ClientIpServices(new ClientIpResolver(new ClientIpOptions()), logger: null, TimeProvider.System));

    // The defaults with a logger, one per application (its ILoggerFactory), so that without AddClientIp each application
    // still gets its own rate-limited warnings and a logger is created once, not on every request.
    // Weak keys: a disposed host's factory and its entry can be collected. Holds only the defaults, never configuration.
    private static readonly ConditionalWeakTable<ILoggerFactory, ClientIpServices> DefaultsByLoggerFactory = new();

    private readonly List<IDisposable> _subscriptions = new();
    private readonly object _gate = new();
    private volatile ClientIpResolver _resolver;
    private ClientIpOptions? _options; // the options of the current resolver, for rebuilding it with new provider lists
    private TrustedProxySources? _sources;

    public ClientIpServices(ClientIpResolver resolver, ILogger? logger, TimeProvider time, string? misconfiguration = null)
    {
        _resolver = resolver;
        Logger = logger;
        Diagnostics = new ClientIpDiagnostics(time);
        Misconfiguration = misconfiguration;
    }

    /// <summary>The defaults (trust loopback, read X-Forwarded-For); never configurable, so holding it statically is safe.</summary>
    public static ClientIpServices Defaults => LazyDefaults.Value;

    /// <summary>
    /// The resolver for the current configuration. A request reads it once, so it sees one consistent set of options
    /// even while a configuration change swaps in a new resolver.
    /// </summary>
    public ClientIpResolver Resolver => _resolver;

    /// <summary>The logger, or <see langword="null"/> for <see cref="Defaults"/>, which cannot log.</summary>
    public ILogger? Logger { get; }

    public ClientIpDiagnostics Diagnostics { get; }

    /// <summary>The provider lists followed, if any are configured.</summary>
    internal TrustedProxySources? Sources => _sources;

    /// <summary>Why this application cannot use the defaults (it configured ClientIpOptions without AddClientIp); else null.</summary>
    public string? Misconfiguration { get; }

    /// <summary>The services <c>AddClientIp</c> registers.</summary>
    public static ClientIpServices Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ClientIpOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("ClientIp") ?? NullLogger.Instance;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        TrustedProxySources? sources = null;
        if (TrustedProxySources.AreConfigured(options))
        {
            sources = new TrustedProxySources(options, logger, time);
            sources.LoadAtStartup();
        }

        var resolver = new ClientIpResolver(options, sources?.Entries ?? Array.Empty<string>());
        if (resolver.TrustsEveryPeer)
        {
            LogTrustEveryPeer(logger);
        }

        if (ForwardedHeadersEnabledByVariable(services))
        {
            LogForwardedHeadersVariable(logger);
        }

        var created = new ClientIpServices(resolver, logger, time) { _options = options, _sources = sources };
        sources?.Follow(created.TryApplyProviderEntries);
        var factory = services.GetRequiredService<IOptionsFactory<ClientIpOptions>>();
        foreach (var section in services.GetServices<ClientIpConfigurationSection>())
        {
            created._subscriptions.Add(ChangeToken.OnChange(section.Configuration.GetReloadToken, () => created.Reload(factory)));
        }

        return created;
    }

    /// <summary>Stops following configuration changes and provider lists.</summary>
    public void Dispose()
    {
        _sources?.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    /// <summary>
    /// The configuration changed: build the options again (binding, code delegates, validation) and swap in a resolver
    /// for them; if they are invalid, keep the last valid resolver and log why.
    /// </summary>
    private void Reload(IOptionsFactory<ClientIpOptions> factory)
    {
        try
        {
            var options = factory.Create(Options.DefaultName);
            lock (_gate)
            {
                _resolver = new ClientIpResolver(options, _sources?.Entries ?? Array.Empty<string>());
                _options = options;
            }

            LogReloaded(Logger!);
        }
        catch (OptionsValidationException e)
        {
            LogInvalidChange(Logger!, string.Join(Environment.NewLine, e.Failures));
        }
        catch (ArgumentException e)
        {
            LogInvalidChange(Logger!, e.Message);
        }
    }

    /// <summary>
    /// Returns the registered services, or the defaults when <c>AddClientIp</c> was not called: with the application's
    /// logger when it has one, and refusing to work (<see cref="Misconfiguration"/>) when it configured
    /// <see cref="ClientIpOptions"/> in a way only <c>AddClientIp</c> reads.
    /// </summary>
    public static ClientIpServices From(IServiceProvider? services)
    {
        if (services is null)
        {
            return Defaults;
        }

        if (services.GetService<ClientIpServices>() is { } registered)
        {
            return registered;
        }

        if (services.GetService<ILoggerFactory>() is not { } factory)
        {
            return Defaults;
        }

        return DefaultsByLoggerFactory.TryGetValue(factory, out var cached)
            ? cached
            : DefaultsByLoggerFactory.GetValue(factory, f => new ClientIpServices(
                Defaults.Resolver, f.CreateLogger("ClientIp"), TimeProvider.System, UnregisteredConfiguration(services)));
    }

    /// <summary>Whether <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> makes the web host run ForwardedHeadersMiddleware first.</summary>
    public static bool ForwardedHeadersEnabledByVariable(IServiceProvider services) =>
        string.Equals(services.GetService<IConfiguration>()?["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase);

    private static string? UnregisteredConfiguration(IServiceProvider services) =>
        services.GetService<IEnumerable<IConfigureOptions<ClientIpOptions>>>()?.Any() == true
        || services.GetService<IEnumerable<IPostConfigureOptions<ClientIpOptions>>>()?.Any() == true
            ? "ClientIpOptions are configured (services.Configure<ClientIpOptions>(...)) but AddClientIp was not called, so nothing "
              + "would read them and the defaults would apply silently. Register with builder.Services.AddClientIp(...) instead: "
              + "AddClientIp(configuration.GetSection(\"ClientIp\")) for configuration (it replaces the default TrustedProxies, "
              + "which the generic binder would only append to) and AddClientIp(options => ...) for code."
            : null;

    [LoggerMessage(EventId = 2, EventName = "UnsafeTrustEveryPeer", Level = LogLevel.Warning,
        Message = "ClientIp:UnsafeTrustEveryPeer is on: every direct peer is treated as a trusted proxy, so any client that can reach "
            + "this application directly can choose the client address it is resolved to. List your proxies in ClientIp:TrustedProxies instead.")]
    private static partial void LogTrustEveryPeer(ILogger logger);

    /// <summary>A provider list changed: a resolver for the current options with it, or why not (then nothing changes).</summary>
    private string? TryApplyProviderEntries(IReadOnlyList<string> entries)
    {
        lock (_gate)
        {
            try
            {
                _resolver = new ClientIpResolver(_options!, entries);
                return null;
            }
            catch (ArgumentException e)
            {
                return e.Message;
            }
        }
    }

    [LoggerMessage(EventId = 8, EventName = "ConfigurationReloaded", Level = LogLevel.Information,
        Message = "The ClientIp configuration changed; new requests use it.")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(EventId = 9, EventName = "InvalidConfigurationChange", Level = LogLevel.Error,
        Message = "The ClientIp configuration changed but is invalid, so the last valid configuration stays in use:" + "\n" + "{Errors}")]
    private static partial void LogInvalidChange(ILogger logger, string errors);

    [LoggerMessage(EventId = 6, EventName = "ForwardedHeadersEnabledByVariable", Level = LogLevel.Warning,
        Message = "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true puts ForwardedHeadersMiddleware in front of the application, and it "
            + "trusts every peer. ClientIp reads each request's connection before that middleware runs, so GetClientIpAddress() and "
            + "UseClientIp() are not affected, but code that reads Connection.RemoteIpAddress before UseClientIp() sees addresses "
            + "any client can choose. Unset the variable: ClientIp replaces it.")]
    private static partial void LogForwardedHeadersVariable(ILogger logger);
}

/// <summary>The configuration section <c>AddClientIp</c> bound, whose changes the resolver follows.</summary>
internal sealed record ClientIpConfigurationSection(IConfiguration Configuration);
