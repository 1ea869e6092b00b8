using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers;
using ClientIp.Analyzers.Common;
using ClientIp.CodeFixes.Configuration;
using ClientIp.CodeFixes.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0001-CIP0003: rewrites an unsafe read of the client address (the peer address, a client-IP header, its leftmost
/// entry, a <c>[FromHeader]</c> binding) into the resolver, <c>GetClientIpAddress()</c>, keeping the kind of value the
/// code used and the header it trusted: a header other than X-Forwarded-For is configured in the project's
/// composition root by the same fix (<c>AddClientIp(o =&gt; o.ForwardedHeader = "X-Real-IP")</c>), and the title says so.
/// </summary>
/// <remarks>
/// Registering a fix only plans it (<see cref="ReadFixPlanner"/>: the document's existing semantic model, no
/// compilation); the edit is made, and checked to add no compiler error or new warning (<see cref="FixVerifier"/>),
/// when the fix is invoked.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClientIpReadCodeFixProvider)), Shared]
public sealed class ClientIpReadCodeFixProvider : CodeFixProvider
{
    /// <summary>The stable equivalence key of every read fix (Fix All groups by it).</summary>
    public const string EquivalenceKey = "ClientIp.UseGetClientIpAddress";

    /// <summary>The title of the Fix All action.</summary>
    public const string FixAllTitle = "Resolve client addresses through trusted proxies (GetClientIpAddress)";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.RemoteAddressUsedAsClient, DiagnosticIds.UnguardedClientIpHeaderRead, DiagnosticIds.LeftmostForwardedForEntry);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => ReadFixAllProvider.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var symbols = WellKnownSymbols.For(model.Compilation);
        if (symbols.ResolverExtensions is null && symbols.ListenerResolverExtensions is null)
        {
            return; // no resolver in the compilation: the diagnostic stays, without a fix that would not compile
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var additional = diagnostic.AdditionalLocations
                .Where(l => l.SourceTree == root.SyntaxTree)
                .Select(l => root.FindNode(l.SourceSpan, getInnermostNodeForTie: true))
                .ToArray();
            var planned = Planner(model, symbols, document, cancellationToken).Plan(diagnostic.Id, node, additional);
            if (planned is null)
            {
                continue;
            }

            var decision = await DecideAsync(document.Project, planned, decisions: null, cancellationToken).ConfigureAwait(false);
            context.RegisterCodeFix(
                CodeAction.Create(decision.Title(ActionTitle(planned)), ct => FixAsync(document, planned, decision, ct), EquivalenceKey),
                diagnostic);
        }
    }

    internal static ReadFixPlanner Planner(SemanticModel model, WellKnownSymbols symbols, Document document, CancellationToken cancellationToken) =>
        new(new ReadRewriteContext(model, symbols, SyntaxGenerator.GetGenerator(document), cancellationToken));

    /// <summary>
    /// What the fix does about the header the code trusted. The composition root is only looked for when the code read
    /// a header, and HttpListener's entry point has no configuration: its reads never change any.
    /// </summary>
    internal static async Task<HeaderDecision> DecideAsync(Project project, PlannedReadFix planned, HeaderDecisions? decisions, CancellationToken cancellationToken)
    {
        if (planned.Headers.Count == 0 || planned.Kind == RequestKind.HttpListener)
        {
            return HeaderDecision.NoChange;
        }

        decisions ??= new HeaderDecisions(await CompositionRoot.ForAsync(project, cancellationToken).ConfigureAwait(false));
        return decisions.Decide(planned.Headers);
    }

    private static string ActionTitle(PlannedReadFix planned) => planned.Shape switch
    {
        ReadFixShape.PartitionKey => "Use GetClientIpPartitionKey()",
        ReadFixShape.FromHeaderBinding => $"Use GetClientIpAddress() instead of binding {planned.Headers[0]}",
        ReadFixShape.ParameterPromotion => "Take the HttpContext and use GetClientIpAddress()",
        _ when planned.Kind == RequestKind.HttpListener => "Use HttpListenerRequest.GetClientIpAddress()",
        _ => "Use GetClientIpAddress()",
    };

    /// <summary>Applies one planned fix, and the configuration it needs; a fix that would not check out changes nothing.</summary>
    private static async Task<Solution> FixAsync(Document document, PlannedReadFix planned, HeaderDecision decision, CancellationToken cancellationToken)
    {
        var original = document.Project.Solution;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return original;
        }

        var edit = await ReadFixApplier.ApplyAsync(document, planned, decision, model, WellKnownSymbols.For(model.Compilation), cancellationToken).ConfigureAwait(false);
        if (edit is null || !await FixVerifier.AddsNoNewDiagnosticsAsync(edit, cancellationToken).ConfigureAwait(false))
        {
            return original;
        }

        var solution = edit.After.Project.Solution;
        return decision.EditsRoot
            ? await ConfigureAsync(solution, document.Project.Id, decision.Header!, cancellationToken).ConfigureAwait(false) ?? original
            : solution;
    }

    /// <summary>Writes the header into the project's composition root; null when that cannot be done cleanly.</summary>
    internal static async Task<Solution?> ConfigureAsync(Solution solution, ProjectId projectId, string header, CancellationToken cancellationToken)
    {
        var rootEdit = await ResolverConfigurationEdit.ApplyAsync(solution.GetProject(projectId)!, header, cancellationToken).ConfigureAwait(false);
        return rootEdit is not null && await FixVerifier.AddsNoNewDiagnosticsAsync(rootEdit, cancellationToken).ConfigureAwait(false)
            ? rootEdit.After.Project.Solution
            : null;
    }
}

/// <summary>
/// Fix All for the read fixes, in a document, project or solution: each project's fixes are applied one after the
/// other, each planned on the code as the previous ones left it and checked like a single fix, so one pass leaves
/// nothing it could fix; the header decisions of the pass are taken in that order too, and the composition root is
/// edited once at the end. (The batch fixer merges independently computed changes: it drops identical insertions
/// such as a third <c>using ClientIp;</c>, and cannot edit a second document.)
/// </summary>
internal sealed class ReadFixAllProvider : FixAllProvider
{
    public static readonly ReadFixAllProvider Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create(
            ClientIpReadCodeFixProvider.FixAllTitle,
            ct => FixAllAsync(fixAllContext, ct),
            fixAllContext.CodeActionEquivalenceKey ?? ClientIpReadCodeFixProvider.EquivalenceKey));

    private static async Task<Solution> FixAllAsync(FixAllContext fixAllContext, CancellationToken cancellationToken)
    {
        var solution = fixAllContext.Solution;
        foreach (var (projectId, documents) in await SequentialFixAllProvider.DiagnosticsInScopeAsync(fixAllContext).ConfigureAwait(false))
        {
            solution = await FixProjectAsync(solution, projectId, documents, cancellationToken).ConfigureAwait(false);
        }

        return solution;
    }

    private static async Task<Solution> FixProjectAsync(Solution solution, ProjectId projectId, Dictionary<DocumentId, List<Diagnostic>> byDocument, CancellationToken cancellationToken)
    {
        var before = solution;
        var decisions = new HeaderDecisions(await CompositionRoot.FindAsync(solution.GetProject(projectId)!, cancellationToken).ConfigureAwait(false));
        foreach (var documentId in byDocument.Keys.OrderBy(id => solution.GetDocument(id)?.FilePath ?? solution.GetDocument(id)?.Name, System.StringComparer.Ordinal))
        {
            solution = await FixDocumentAsync(solution.GetDocument(documentId)!, byDocument[documentId], decisions, cancellationToken).ConfigureAwait(false);
        }

        if (decisions.PendingHeader is { } header)
        {
            // The rewritten reads rely on the configuration: without it, none of this project's fixes are kept.
            return await ClientIpReadCodeFixProvider.ConfigureAsync(solution, projectId, header, cancellationToken).ConfigureAwait(false) ?? before;
        }

        return solution;
    }

    private static async Task<Solution> FixDocumentAsync(Document document, List<Diagnostic> diagnostics, HeaderDecisions decisions, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document.Project.Solution;
        }

        var work = diagnostics
            .Select(d => (
                d.Id,
                Node: root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true),
                Additional: d.AdditionalLocations.Where(l => l.SourceTree == root.SyntaxTree).Select(l => root.FindNode(l.SourceSpan, getInnermostNodeForTie: true)).ToArray()))
            .ToList();
        var current = document.WithSyntaxRoot(root.TrackNodes(work.SelectMany(w => w.Additional.Prepend(w.Node))));
        foreach (var (id, node, additional) in work)
        {
            var currentRoot = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await current.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (currentRoot?.GetCurrentNode(node) is not { } currentNode || model is null)
            {
                continue; // an earlier fix of this pass already rewrote this code
            }

            var symbols = WellKnownSymbols.For(model.Compilation);
            var currentAdditional = additional.Select(a => currentRoot.GetCurrentNode(a)).OfType<SyntaxNode>().ToArray();
            var planned = ClientIpReadCodeFixProvider.Planner(model, symbols, current, cancellationToken).Plan(id, currentNode, currentAdditional);
            if (planned is null)
            {
                continue;
            }

            var decision = await ClientIpReadCodeFixProvider.DecideAsync(current.Project, planned, decisions, cancellationToken).ConfigureAwait(false);
            var edit = await ReadFixApplier.ApplyAsync(current, planned, decision, model, symbols, cancellationToken).ConfigureAwait(false);
            if (edit is not null && await FixVerifier.AddsNoNewDiagnosticsAsync(edit, cancellationToken).ConfigureAwait(false))
            {
                current = edit.After;
                decisions.Commit(decision);
            }
        }

        return current.Project.Solution;
    }
}
