using System;
using System.IO;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.Package;

/// <summary>
/// Packs src/ClientIp.Package once for all the consumer tests into a folder feed, under a version no cache has seen
/// (0.1.0-e2e.&lt;time&gt;.&lt;random&gt;). The build happens in its own artifacts folder, so it neither reads nor
/// disturbs the repository's bin/ and obj/ folders.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TempDirectory root = new("feed");

    /// <summary>The folder holding the packed ClientIp.Analyzers.&lt;Version&gt;.nupkg.</summary>
    public string Directory => Path.Combine(root.Path, "feed");

    /// <summary>The version the package was packed with.</summary>
    public string Version { get; } =
        $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Random.Shared.Next(1000, 9999)}";

    /// <summary>The packed ClientIp.Analyzers.&lt;Version&gt;.nupkg.</summary>
    public string PackagePath => Path.Combine(Directory, $"ClientIp.Analyzers.{Version}.nupkg");

    /// <summary>What `dotnet pack` said, for diagnosing a consumer failure.</summary>
    public ProcessResult? PackResult { get; private set; }

    public async Task InitializeAsync()
    {
        PackResult = await DotNet.RunAsync(
            DotNet.RepositoryRoot,
            TimeSpan.FromMinutes(10), // about 20 s on an idle machine; generous for a loaded CI machine
            environment: null,
            "pack", Path.Combine("src", "ClientIp.Package", "ClientIp.Package.csproj"),
            "-c", "Release",
            "-o", Directory,
            "--artifacts-path", Path.Combine(root.Path, "artifacts"),
            $"-p:Version={Version}",
            "-tl:off", "-nodeReuse:false");

        if (!PackResult.Succeeded || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"Packing ClientIp.Analyzers failed; expected {PackagePath}.\n{PackResult}");
        }
    }

    public Task DisposeAsync()
    {
        root.Dispose();
        return Task.CompletedTask;
    }
}
