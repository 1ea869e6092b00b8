using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.Package;

/// <summary>A diagnostic id at a line (1-based) of a file (path relative to the consumer folder).</summary>
public sealed record DiagnosticAt(string File, int Line, string Id)
{
    public override string ToString() => $"{File}({Line}): {Id}";
}

/// <summary>A position in a file as editors count it: 0-based line and 0-based UTF-16 column.</summary>
public readonly record struct Position(int Line, int Character)
{
    public override string ToString() => $"{Line}:{Character}";
}

/// <summary>A diagnostic id on a span of a file (path relative to the consumer folder), end exclusive.</summary>
public sealed record DiagnosticSpan(string File, Position Start, Position End, string Id)
{
    public override string ToString() => $"{File}[{Start}-{End}]: {Id}";
}

/// <summary>
/// A fresh copy of a consumer template (ConsumerApp/: a web project with the classic mistakes; AllRulesApp/: one
/// mistake per rule; LibrarySolution/: a library, its tests and an app) in a temp folder, wired to the packed feed
/// through its own NuGet.config and restoring into a packages folder of its own, so no cached copy of the package
/// can stand in for the one under test.
/// </summary>
public sealed partial class ConsumerProject : IDisposable
{
    // A build takes seconds on an idle machine; the bound only stops a hung tool.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    private readonly TempDirectory root = new("consumer");
    private readonly string packagesFolder;
    private readonly string template;

    public ConsumerProject(PackedFeed feed, string template = "ConsumerApp")
    {
        this.template = template;
        Directory = Path.Combine(root.Path, "app");
        packagesFolder = Path.Combine(root.Path, "packages");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, template), Directory);

        // Other packages (NETStandard.Library for a netstandard2.0 project) come from the packages this repository's own
        // restore already put in the machine's packages folder, so a test downloads nothing it did not need before.
        WriteFile("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="clientip-e2e" value="{feed.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <!-- The package under test can only come from the packed feed. -->
              <packageSourceMapping>
                <packageSource key="clientip-e2e"><package pattern="ClientIp.Analyzers" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackagesFolder}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        // Also stops MSBuild from looking for Directory.Build.props files further up the temp folder.
        WriteFile("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <ClientIpAnalyzersVersion>{feed.Version}</ClientIpAnalyzersVersion>
                <RestorePackagesPath>{packagesFolder}</RestorePackagesPath>
                <!-- The vulnerability audit fetches data over the network; a hiccup there would fail -warnaserror. -->
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    public void WriteFile(string relativePath, string content) => File.WriteAllText(PathOf(relativePath), content);

    /// <summary>Where restore put the package: inside this consumer's private packages folder.</summary>
    public string RestoredPackageDirectory(string version) =>
        Path.Combine(packagesFolder, "clientip.analyzers", version.ToLowerInvariant());

    /// <summary>
    /// Adds <paramref name="xml"/> (an ItemGroup or PropertyGroup) at the end of <paramref name="projectFile"/> (relative
    /// to the consumer folder; by default the template's own project).
    /// </summary>
    public void AddToProjectFile(string xml, string? projectFile = null)
    {
        var project = PathOf(projectFile ?? template + ".csproj");
        var text = File.ReadAllText(project);
        var end = text.LastIndexOf("</Project>", StringComparison.Ordinal);
        File.WriteAllText(project, text[..end] + "  " + xml + "\n" + text[end..]);
    }

    /// <summary>The project's C# sources, by path relative to the project folder.</summary>
    public IReadOnlyDictionary<string, string> Sources() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(Directory, path)))
            .ToDictionary(path => Normalize(Path.GetRelativePath(Directory, path)), File.ReadAllText);

    /// <summary>
    /// The diagnostics the sources announce: a line ending in <c>// expect: CIP0001</c> must get CIP0001 at that line
    /// (<paramref name="markers"/> names other markers, e.g. <c>expect-when-enabled</c>, to take as well), and code
    /// wrapped in <c>/*~CIP0001*/ ... /*~*/</c> must get it at the line the wrapped code starts.
    /// Read from the files each time, so expected lines follow the source.
    /// </summary>
    public IReadOnlyList<DiagnosticAt> ExpectedDiagnostics(params string[] markers)
    {
        var kinds = markers.Append("expect").ToHashSet(StringComparer.Ordinal);
        return Sources()
            .SelectMany(source => source.Value.Split('\n')
                .Select((text, index) => (text, line: index + 1))
                .SelectMany(line => LineMarker().Matches(line.text)
                    .Where(m => kinds.Contains(m.Groups["kind"].Value))
                    .Select(m => new DiagnosticAt(source.Key, line.line, m.Groups["id"].Value))))
            .Concat(ExpectedSpans().Select(s => new DiagnosticAt(s.File, s.Start.Line + 1, s.Id)))
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The spans the sources announce: the code between <c>/*~CIP0001*/</c> and the next <c>/*~*/</c> is exactly what
    /// CIP0001 must cover (comments are trivia, so they are outside the reported node).
    /// </summary>
    public IReadOnlyList<DiagnosticSpan> ExpectedSpans() =>
        Sources()
            .SelectMany(source => SpanMarker().Matches(source.Value)
                .Select(m => new DiagnosticSpan(
                    source.Key,
                    PositionOf(source.Value, m.Groups["code"].Index),
                    PositionOf(source.Value, m.Groups["code"].Index + m.Groups["code"].Length),
                    m.Groups["id"].Value)))
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Start.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>`dotnet build -warnaserror`, as a CI pipeline runs it.</summary>
    public Task<ProcessResult> BuildWithWarningsAsErrorsAsync() => BuildAsync("-warnaserror");

    /// <summary>`dotnet build` of the consumer folder (its only project or solution) with <paramref name="arguments"/>.</summary>
    public Task<ProcessResult> BuildAsync(params string[] arguments) =>
        RunDotNetAsync(["build", "-tl:off", "-nodeReuse:false", .. arguments]);

    /// <summary>`dotnet format analyzers` limited to the three mistakes this project holds.</summary>
    public Task<ProcessResult> FormatAsync() =>
        RunDotNetAsync("format", "analyzers", "--diagnostics", "CIP0001", "CIP0002", "CIP0003", "--severity", "warn",
            "--verbosity", "diagnostic");

    /// <summary>Starts the built app (Debug output) listening on <paramref name="url"/>.</summary>
    public ChildProcess Run(string url) =>
        DotNet.Start(Directory, Path.Combine("bin", "Debug", "net10.0", template + ".dll"), "--urls", url);

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in the consumer folder, with its private packages folder.</summary>
    public Task<ProcessResult> RunDotNetAsync(params string[] arguments) =>
        DotNet.RunAsync(Directory, CommandTimeout, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = packagesFolder }, arguments);

    /// <summary>
    /// The CIP diagnostics in MSBuild output (<c>path(line,col): error CIP0001: ...</c>), each once, with paths made
    /// relative to the project; MSBuild repeats errors in its summary.
    /// </summary>
    public IReadOnlyList<DiagnosticAt> ReportedDiagnostics(ProcessResult build) =>
        CompilerDiagnostic().Matches(build.Output)
            .Select(m => new DiagnosticAt(
                Normalize(Path.GetRelativePath(Directory, m.Groups["file"].Value)),
                int.Parse(m.Groups["line"].Value),
                m.Groups["id"].Value))
            .Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    public void Dispose() => root.Dispose();

    /// <summary>The machine's NuGet packages folder, where this repository's own restore put its packages.</summary>
    private static string MachinePackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(part => part is "bin" or "obj");

    private static Position PositionOf(string text, int offset)
    {
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        return new Position(text.AsSpan(0, offset).Count('\n'), offset - lineStart);
    }

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/');

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"//\s*(?<kind>expect(?:-[a-z-]+)?):\s*(?<id>CIP\d{4})")]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"/\*~(?<id>CIP\d{4})\*/(?<code>.*?)/\*~\*/", RegexOptions.Singleline)]
    private static partial Regex SpanMarker();

    [GeneratedRegex(@"(?<file>[^\s(][^(\r\n]*?\.cs)\((?<line>\d+),(?<column>\d+)\): (?:error|warning) (?<id>CIP\d{4}):")]
    private static partial Regex CompilerDiagnostic();
}
