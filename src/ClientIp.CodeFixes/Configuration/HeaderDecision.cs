using System.Collections.Generic;
using System.Linq;

namespace ClientIp.CodeFixes.Configuration;

/// <summary>What a read fix does about the header the replaced code trusted.</summary>
internal enum ConfigurationChange
{
    /// <summary>Nothing to configure: a peer read, or the resolver already reads that header.</summary>
    None,

    /// <summary>Adds <c>AddClientIp(o =&gt; o.ForwardedHeader = "...")</c> or sets the header in the existing call.</summary>
    Configure,

    /// <summary>Adds the configure delegate to <c>AddClientIp(configuration)</c>, whose own header it then overrides.</summary>
    ConfigureOverConfiguration,

    /// <summary>The project already makes the resolver read another header: not overridden; the title and a comment say so.</summary>
    Conflict,

    /// <summary>No composition root in the project (a class library): the title and a comment say what the host must configure.</summary>
    HostMustConfigure,

    /// <summary><c>AddClientIp</c> is called in a way the fix cannot edit: the title and a comment say what to set there.</summary>
    SetWhereRegistered,
}

/// <summary>The decision for one read fix, with the words that go in its title and at the rewritten site.</summary>
internal sealed class HeaderDecision
{
    public static readonly HeaderDecision NoChange = new(ConfigurationChange.None, null, null, string.Empty, new string[0]);

    public HeaderDecision(ConfigurationChange change, string? header, string? resolverHeader, string rootFile, IReadOnlyList<string> dropped)
    {
        Change = change;
        Header = header;
        ResolverHeader = resolverHeader;
        RootFile = rootFile;
        Dropped = dropped;
    }

    public ConfigurationChange Change { get; }

    /// <summary>The header the replaced code trusted first.</summary>
    public string? Header { get; }

    /// <summary>The header the resolver reads instead (<see cref="ConfigurationChange.Conflict"/>).</summary>
    public string? ResolverHeader { get; }

    public string RootFile { get; }

    /// <summary>Headers the replaced code also tried, after the first, that the resolver will not read.</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Whether the fix edits the composition root.</summary>
    public bool EditsRoot => Change is ConfigurationChange.Configure or ConfigurationChange.ConfigureOverConfiguration;

    /// <summary>The lightbulb title: <paramref name="action"/> followed by exactly what the fix does about the header.</summary>
    public string Title(string action)
    {
        var dropped = Dropped.Count == 0 ? string.Empty : $"; {string.Join(", ", Dropped)} no longer read";
        var first = Dropped.Count == 0 ? string.Empty : ", the first header tried";
        return Change switch
        {
            ConfigurationChange.Configure => $"{action}, reading {Header}{first} (AddClientIp in {RootFile}{dropped})",
            ConfigurationChange.ConfigureOverConfiguration => $"{action}, reading {Header}{first} (AddClientIp in {RootFile}, over the configured header{dropped})",
            ConfigurationChange.Conflict => $"{action} (conflict: AddClientIp in {RootFile} reads {ResolverHeader}, not {Header})",
            ConfigurationChange.HostMustConfigure => $"{action} (the host must configure AddClientIp to read {Header}{dropped})",
            ConfigurationChange.SetWhereRegistered => $"{action} (set ForwardedHeader = \"{Header}\" where AddClientIp is called{dropped})",
            _ => Dropped.Count == 0 ? action : $"{action} ({string.Join(", ", Dropped)} no longer read)",
        };
    }

    /// <summary>The comment left above the rewritten code when the configuration could not be changed to match.</summary>
    public string? SiteComment() => Change switch
    {
        ConfigurationChange.Conflict => $"// ClientIp: this code read {Header}; the resolver reads {ResolverHeader} as configured in {RootFile}.",
        ConfigurationChange.HostMustConfigure => $"// ClientIp: this code read {Header}; the host must call AddClientIp(o => o.ForwardedHeader = \"{Header}\").",
        ConfigurationChange.SetWhereRegistered => $"// ClientIp: this code read {Header}; set ForwardedHeader = \"{Header}\" where AddClientIp is called.",
        _ => null,
    };
}

/// <summary>
/// The header decisions of one project, taken one fix after the other: the first fix that needs a header the project
/// does not configure configures it; a later fix that needs another header is told it conflicts, never silently
/// overrides it. Fix All uses one instance for a whole pass, so its result is what fixing one read after the other gives.
/// </summary>
internal sealed class HeaderDecisions
{
    private readonly CompositionRoot root;
    private string? configured;
    private RootState state;

    public HeaderDecisions(CompositionRoot root)
    {
        this.root = root;
        state = root.State;
        configured = root.ConfiguredHeader;
    }

    /// <summary>The header a decision taken so far asks to write into the root, if any.</summary>
    public string? PendingHeader { get; private set; }

    /// <summary>Decides for a fix of code that trusted <paramref name="headers"/> (first tried first; empty for a peer read).</summary>
    public HeaderDecision Decide(IReadOnlyList<string> headers)
    {
        if (headers.Count == 0)
        {
            return HeaderDecision.NoChange;
        }

        var header = headers[0];
        var dropped = headers.Skip(1).ToArray();
        switch (state)
        {
            case RootState.Configured when ResolverHeaders.Same(configured, header):
                return new HeaderDecision(ConfigurationChange.None, header, null, root.FileName, dropped);
            case RootState.Configured:
                return new HeaderDecision(ConfigurationChange.Conflict, header, configured, root.FileName, dropped);
            case RootState.NotRegistered or RootState.DefaultHeader when ResolverHeaders.IsDefault(header):
            case RootState.FromConfiguration or RootState.Unknown or RootState.None when ResolverHeaders.IsDefault(header):
                return new HeaderDecision(ConfigurationChange.None, header, null, root.FileName, dropped);
            case RootState.NotRegistered or RootState.DefaultHeader:
                return new HeaderDecision(ConfigurationChange.Configure, header, null, root.FileName, dropped);
            case RootState.FromConfiguration:
                return new HeaderDecision(ConfigurationChange.ConfigureOverConfiguration, header, null, root.FileName, dropped);
            case RootState.Unknown:
                return new HeaderDecision(ConfigurationChange.SetWhereRegistered, header, null, root.FileName, dropped);
            default:
                return new HeaderDecision(ConfigurationChange.HostMustConfigure, header, null, root.FileName, dropped);
        }
    }

    /// <summary>Records a decision whose fix was applied: a configured header is what later decisions see.</summary>
    public void Commit(HeaderDecision decision)
    {
        if (decision.EditsRoot)
        {
            PendingHeader = decision.Header;
            state = RootState.Configured;
            configured = decision.Header;
        }
    }
}
