using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.ProxyChain;

/// <summary>
/// The article's two-proxy chain with the real programs: client → HAProxy (127.0.0.2) → nginx (127.0.0.3) → app
/// (127.0.0.4). Both proxies run as child processes of the test, in the foreground, with their configuration
/// (haproxy.cfg and nginx.conf beside this file), logs and temp files in a directory of their own that is removed
/// when the chain is disposed.
/// </summary>
public sealed class ProxyChain : IAsyncDisposable
{
    /// <summary>The first proxy's address: it listens here and connects onwards from here.</summary>
    public static readonly IPAddress HAProxyAddress = IPAddress.Parse("127.0.0.2");

    /// <summary>The second proxy's address: it listens here and connects to the app from here.</summary>
    public static readonly IPAddress NginxAddress = IPAddress.Parse("127.0.0.3");

    /// <summary>Where the app behind the chain listens.</summary>
    public static readonly IPAddress AppAddress = IPAddress.Parse("127.0.0.4");

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);
    /// <summary>Where to look for the programs: CLIENTIP_E2E_PROXY_PATH when set (a PATH-like list), else PATH and the sbin folders.</summary>
    private static readonly string[] SearchPath =
        Environment.GetEnvironmentVariable("CLIENTIP_E2E_PROXY_PATH") is { } overridden
            ? overridden.Split(Path.PathSeparator)
            : [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator), "/usr/sbin", "/usr/local/sbin", "/sbin"];

    private readonly TempDirectory directory = new("proxies");
    private ChildProcess? nginx;
    private ChildProcess? haproxy;

    private ProxyChain(int appPort)
    {
        AppEndPoint = new IPEndPoint(AppAddress, appPort);
        NginxEndPoint = new IPEndPoint(NginxAddress, Loopback.FreePort(NginxAddress));
        NginxForwardedEndPoint = new IPEndPoint(NginxAddress, Loopback.FreePort(NginxAddress));
        Entry = new IPEndPoint(HAProxyAddress, Loopback.FreePort(HAProxyAddress));
    }

    /// <summary>HAProxy's listener: where clients send their requests.</summary>
    public IPEndPoint Entry { get; }

    /// <summary>nginx's listener.</summary>
    public IPEndPoint NginxEndPoint { get; }

    /// <summary>nginx's second listener, writing RFC 7239 Forwarded straight to the app (no HAProxy in front).</summary>
    public IPEndPoint NginxForwardedEndPoint { get; }

    /// <summary>Where nginx sends requests: the app must listen here.</summary>
    public IPEndPoint AppEndPoint { get; }

    /// <summary>
    /// Why the chain cannot run on this machine (a proxy is not installed, or 127.0.0.0/8 is not all loopback), or
    /// null when it can.
    /// </summary>
    public static string? MissingPrerequisite()
    {
        var missing = new[] { "haproxy", "nginx" }.Where(name => Find(name) is null).ToList();
        if (missing.Count > 0)
        {
            return $"{string.Join(" and ", missing)} not installed (looked in {string.Join(Path.PathSeparator, SearchPath)}); " +
                   "install the Debian packages haproxy and nginx-light, as .ci/run does";
        }

        return new[] { HAProxyAddress, NginxAddress, AppAddress }.Select(Loopback.CannotBind).FirstOrDefault(reason => reason is not null);
    }

    /// <summary>Starts nginx, then HAProxy, in front of an app at <see cref="AppAddress"/>:<paramref name="appPort"/>.</summary>
    public static async Task<ProxyChain> StartAsync(int appPort)
    {
        var chain = new ProxyChain(appPort);
        try
        {
            await chain.StartNginxAsync();
            await chain.StartHAProxyAsync();
            return chain;
        }
        catch
        {
            await chain.DisposeAsync();
            throw;
        }
    }

    /// <summary>Both proxies' output and log files, for failure messages.</summary>
    public string Logs()
    {
        var logs = new StringBuilder();
        logs.AppendLine($"--- haproxy ({haproxy?.Command}):").AppendLine(haproxy?.Output);
        logs.AppendLine($"--- nginx ({nginx?.Command}):").AppendLine(nginx?.Output);
        foreach (var file in new[] { "nginx-error.log", "nginx-access.log" })
        {
            var path = Path.Combine(directory.Path, file);
            logs.AppendLine($"--- {file}:").AppendLine(File.Exists(path) ? ReadShared(path) : "(none)");
        }

        return logs.ToString();
    }

    /// <summary>Stops both proxies and removes their directory.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (haproxy is not null)
            {
                await haproxy.DisposeAsync();
            }

            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }
        }
        finally
        {
            directory.Dispose();
        }
    }

    private async Task StartNginxAsync()
    {
        var config = WriteConfig("nginx.conf");
        // -p: relative paths and the prefix live in our directory; -e: the error log before the config is read.
        string[] arguments = ["-p", directory.Path, "-c", config, "-e", Path.Combine(directory.Path, "nginx-error.log")];
        await CheckConfigAsync("nginx", [.. arguments, "-t"]);
        nginx = ChildProcess.Start(Find("nginx")!, arguments, directory.Path);
        await WaitUntilListeningAsync("nginx", nginx, NginxEndPoint);
    }

    private async Task StartHAProxyAsync()
    {
        var config = WriteConfig("haproxy.cfg");
        await CheckConfigAsync("haproxy", ["-c", "-f", config]);
        // -db: stay in the foreground, as our child, logging to stdout.
        haproxy = ChildProcess.Start(Find("haproxy")!, ["-f", config, "-db"], directory.Path);
        await WaitUntilListeningAsync("haproxy", haproxy, Entry);
    }

    private string WriteConfig(string name)
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ProxyChain", name));
        var config = template
            .Replace("{{DIR}}", directory.Path, StringComparison.Ordinal)
            .Replace("{{HAPROXY_PORT}}", Entry.Port.ToString(), StringComparison.Ordinal)
            .Replace("{{NGINX_PORT}}", NginxEndPoint.Port.ToString(), StringComparison.Ordinal)
            .Replace("{{NGINX_FORWARDED_PORT}}", NginxForwardedEndPoint.Port.ToString(), StringComparison.Ordinal)
            .Replace("{{APP_PORT}}", AppEndPoint.Port.ToString(), StringComparison.Ordinal);
        var path = Path.Combine(directory.Path, name);
        File.WriteAllText(path, config);
        return path;
    }

    private async Task CheckConfigAsync(string program, string[] arguments)
    {
        var check = await ChildProcess.RunAsync(Find(program)!, arguments, directory.Path, StartupTimeout);
        if (!check.Succeeded)
        {
            throw new InvalidOperationException($"{program} rejected its configuration.\n{check}\n{Logs()}");
        }
    }

    private async Task WaitUntilListeningAsync(string program, ChildProcess process, IPEndPoint endPoint)
    {
        if (!await Loopback.WaitUntilListeningAsync(endPoint, StartupTimeout, () => process.HasExited))
        {
            throw new InvalidOperationException(
                $"{program} did not listen on {endPoint} within {StartupTimeout.TotalSeconds:F0} s.\n{Logs()}");
        }
    }

    private static string? Find(string program) =>
        SearchPath.Where(folder => folder.Length > 0)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string ReadShared(string path)
    {
        // nginx still has the file open for writing.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
