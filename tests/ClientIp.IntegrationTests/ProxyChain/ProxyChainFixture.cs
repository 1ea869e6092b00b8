using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.ProxyChain;

/// <summary>
/// Starts HAProxy and nginx once for all the chain tests and stops them (and removes their directory) at the end,
/// whatever the tests did. Each test starts its own app at <see cref="ProxyChain.AppEndPoint"/>.
/// </summary>
public sealed class ProxyChainFixture : IAsyncLifetime
{
    private readonly string? missingPrerequisite = ProxyChain.MissingPrerequisite();
    private ProxyChain? chain;

    /// <summary>The running chain; skips the calling test (or, in CI, fails it) when the chain cannot run here.</summary>
    public ProxyChain RunningChain()
    {
        // CI installs both proxies (.ci/run), so there a missing one is a broken pipeline, not a skip.
        Prerequisite.Require(missingPrerequisite);
        return chain!;
    }

    public async Task InitializeAsync()
    {
        if (missingPrerequisite is null)
        {
            chain = await ProxyChain.StartAsync(Loopback.FreePort(ProxyChain.AppAddress));
        }
    }

    public async Task DisposeAsync()
    {
        if (chain is not null)
        {
            await chain.DisposeAsync();
        }
    }
}
