namespace ClientIp.AnalyzerCost.Generation;

/// <summary>What kind of project to write.</summary>
internal enum ProjectKind
{
    /// <summary>An ASP.NET Core web app (Microsoft.NET.Sdk.Web) with controllers, minimal APIs, middleware and hubs.</summary>
    Web,

    /// <summary>A plain class library with no ASP.NET Core reference: the analyzers must stay idle.</summary>
    ClassLibrary,
}

/// <summary>The generator's inputs; the same inputs always give the same project, byte for byte.</summary>
/// <param name="OutputDirectory">Where the project is written (must be outside the repository).</param>
/// <param name="RepositoryRoot">The ClientIp.Analyzers checkout whose analyzers the project references.</param>
/// <param name="Files">About how many source files to write.</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="Kind">Web app or plain class library.</param>
/// <param name="PatternShare">Share of the files that contain a client-IP mistake (web only).</param>
/// <param name="EveryShape">
/// Web only: the first feature gets every request-handling shape (controller, minimal-API group, middleware, hub), so
/// even a small app (<c>--kind small</c>, about 20 files) has one of each next to its service, options and Program.cs.
/// </param>
internal sealed record GeneratorOptions(
    string OutputDirectory,
    string RepositoryRoot,
    int Files,
    int Seed,
    ProjectKind Kind,
    double PatternShare = 0.04,
    bool EveryShape = false);
