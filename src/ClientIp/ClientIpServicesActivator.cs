using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ClientIp;

/// <summary>
/// Builds <see cref="ClientIpServices"/> when the host starts, so that its startup work (the <c>UnsafeTrustEveryPeer</c>
/// and environment-variable warnings, loading <c>TrustedProxiesFile</c>/<c>TrustedProxiesUrl</c>) happens then, and a bad
/// provider file stops the start, even when only <c>GetClientIpAddress()</c> is used.
/// </summary>
internal sealed class ClientIpServicesActivator : IHostedService
{
    // Taking the dependency is the whole job: the container builds (and logs) the singleton before StartAsync runs.
    public ClientIpServicesActivator(ClientIpServices services)
    {
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
