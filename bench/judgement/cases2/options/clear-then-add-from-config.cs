// Clears the lists and then adds the networks from configuration, with private ranges when nothing is configured: something is always trusted explicitly. Quiet.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

public sealed class ForwardingSettings
{
    public string? TargetHeaders { get; set; }
    public string? KnownNetworks { get; set; }
    public int ForwardLimit { get; set; } = 1;
}

public static class ForwardingSetup
{
    private const string PrivateRanges = "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16";

    public static IServiceCollection ConfigureForwarding(this IServiceCollection services, ForwardingSettings settings)
    {
        services.Configure<ForwardedHeadersOptions>(config =>
        {
            if (Enum.TryParse(settings.TargetHeaders ?? "None", true, out ForwardedHeaders targets))
            {
                config.ForwardedHeaders = targets;
            }

            config.ForwardLimit = settings.ForwardLimit == 0 ? null : settings.ForwardLimit;
            config.KnownIPNetworks.Clear();
            config.KnownProxies.Clear();

            var nets = string.IsNullOrWhiteSpace(settings.KnownNetworks) ? PrivateRanges : settings.KnownNetworks;
            foreach (var item in nets.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (System.Net.IPNetwork.TryParse(item, out var network))
                {
                    config.KnownIPNetworks.Add(network);
                }
            }
        });

        return services;
    }
}
