using System.Collections.Generic;
using System.Linq;
using ClientIp.Analyzers.Reads;
using ClientIp.CodeFixes.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// Decides whether a CIP0001-CIP0003 report gets a fix and which one: the one owner of fixability. It picks the
/// strategy for the reported node and returns the planned edits with the headers the code trusted; no strategy, no
/// fix. Runs when the lightbulb asks, so it only reads the document's existing semantic model: it never compiles.
/// <list type="number">
/// <item><c>[FromHeader]</c> bindings (<see cref="FromHeaderRewrite"/>);</item>
/// <item>a helper whose whole body derives the address (<see cref="WholeBodyRewrite"/>);</item>
/// <item>a leftmost entry re-derived into the local holding the header: the read fixed at its source (<see cref="AtTheSource"/>);</item>
/// <item>the "header(s), else the peer" idiom (<see cref="FallbackCollapse"/>);</item>
/// <item>a derivation on its own, or a rate limiter's partition key (<see cref="DerivationRewrite"/>);</item>
/// <item>a <c>TryGetValue(header, out var v)</c> on its own (<see cref="TryGetValueRewrite"/>);</item>
/// <item>a read of the peer address, also as a property pattern's only property (<see cref="RemoteAddressRewrite"/>), or of a <c>ConnectionInfo</c> or header
/// dictionary parameter with no request in reach (<see cref="ParameterPromotion"/>).</item>
/// </list>
/// </summary>
internal sealed class ReadFixPlanner
{
    private readonly ReadRewriteContext context;
    private readonly RemoteAddressRewrite remote;
    private readonly DerivationRewrite derivation;
    private readonly FallbackCollapse fallback;
    private readonly WholeBodyRewrite wholeBody;
    private readonly FromHeaderRewrite fromHeader;
    private readonly ParameterPromotion promotion;
    private readonly TryGetValueRewrite tryGetValue;

    public ReadFixPlanner(ReadRewriteContext context)
    {
        this.context = context;
        remote = new RemoteAddressRewrite(context);
        derivation = new DerivationRewrite(context);
        fallback = new FallbackCollapse(context, remote, derivation);
        wholeBody = new WholeBodyRewrite(context);
        fromHeader = new FromHeaderRewrite(context);
        promotion = new ParameterPromotion(context);
        tryGetValue = new TryGetValueRewrite(context);
    }

    /// <summary>The fix for the diagnostic reported at <paramref name="reported"/>, or null when no safe rewrite exists.</summary>
    /// <param name="diagnosticId">CIP0001, CIP0002 or CIP0003.</param>
    /// <param name="reported">The node at the diagnostic's location.</param>
    /// <param name="additional">The nodes at its additional locations (CIP0003 through a local: the header read).</param>
    public PlannedReadFix? Plan(string diagnosticId, SyntaxNode reported, IReadOnlyList<SyntaxNode> additional)
    {
        var planned = diagnosticId == ClientIp.Analyzers.DiagnosticIds.RemoteAddressUsedAsClient ? PlanRemoteRead(reported) : PlanHeaderRead(reported, additional);
        if (planned is null || !ResolverAvailable(planned.Kind) || context.Calls.Failed)
        {
            return null;
        }

        planned.Qualified = context.Calls.QualifiedBy is not null;

        // HttpListener's entry point reads X-Forwarded-For from loopback proxies only: a read of another header would
        // silently change meaning, so it gets no fix.
        return planned.Kind == RequestKind.HttpListener && planned.Headers.Any(h => !ResolverHeaders.IsDefault(h)) ? null : planned;
    }

    /// <summary>Writes resolver calls through the resolver's class where another method of its name is in scope.</summary>
    private void PrepareCalls(RequestKind kind, SyntaxNode site)
    {
        var resolver = kind == RequestKind.HttpListener ? context.Symbols.ListenerResolverExtensions : context.Symbols.ResolverExtensions;
        if (resolver is null || !ResolverNames.IsTaken(context.Model, site.SpanStart, kind, context.Symbols))
        {
            context.Calls.QualifyBy(null, fromGlobal: false);
            return;
        }

        var root = resolver.ContainingNamespace.ToDisplayString().Split('.')[0];
        var shadowed = context.Model.LookupSymbols(site.SpanStart, name: root).Any(s => s is not INamespaceSymbol);
        context.Calls.QualifyBy(resolver, shadowed);
    }

    private bool ResolverAvailable(RequestKind kind) =>
        kind == RequestKind.HttpListener ? context.Symbols.ListenerResolverExtensions is not null : context.Symbols.ResolverExtensions is not null;

    private PlannedReadFix? PlanRemoteRead(SyntaxNode reported)
    {
        if (reported is IdentifierNameSyntax { Parent: NameColonSyntax or ExpressionColonSyntax } patternName)
        {
            PrepareCalls(RequestKind.HttpContext, reported);
            if (remote.PlanPropertyPattern(patternName) is not { } patternStep)
            {
                return null;
            }

            var patternPlan = new RewritePlan().Replace(patternStep.Target, patternStep.Replacement);
            context.AddReferencedLocals(patternStep.Target, patternPlan);
            return new PlannedReadFix(patternPlan, RequestKind.HttpContext, new List<string>());
        }

        // The analyzer reports a null-conditional chain as a whole (x?.Connection.RemoteIpAddress): find the read in it.
        var read = context.IsRemoteAddressRead(reported)
            ? reported
            : reported.DescendantNodes().FirstOrDefault(context.IsRemoteAddressRead) ?? reported;
        if (!context.IsRemoteAddressRead(read))
        {
            return null;
        }

        // ASP.NET Core's peer reads (and gRPC's, REMOTE_ADDR) take the HttpContext's resolver; HttpListener's endpoint
        // its own entry point; classic ASP.NET's none.
        var peer = context.PeerReadAt(read)!;
        RequestKind kind;
        if (peer.IsAspNetCore)
        {
            kind = RequestKind.HttpContext;
        }
        else if (read is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RemoteEndPoint" })
        {
            kind = RequestKind.HttpListener;
        }
        else
        {
            return null;
        }

        PrepareCalls(kind, read);
        var plan = new RewritePlan();
        var shape = ReadFixShape.Address;
        if (kind == RequestKind.HttpContext && read is MemberAccessExpressionSyntax member &&
            PartitionKeys.KeyArgument(context, member) is { } key &&
            context.Locator.Locate(member.Expression, member, kind) is { } owner)
        {
            plan.Replace(key, context.Calls.PartitionKey(owner));
            shape = ReadFixShape.PartitionKey;
        }
        else if (remote.Plan(read) is { } step)
        {
            plan.Replace(step.Target, step.Replacement);
        }
        else if (kind == RequestKind.HttpContext && promotion.Prepare(read) is { } promoted && Against(promoted.Target, () => remote.Plan(read)) is { } promotedStep)
        {
            var promotedPlan = new RewritePlan().Replace(promotedStep.Target, promotedStep.Replacement);
            return new PlannedReadFix(promoted.CompleteWith(promotedPlan), kind, new List<string>(), ReadFixShape.ParameterPromotion);
        }
        else
        {
            return null;
        }

        context.AddReferencedLocals(plan.Replacements[0].Key, plan);
        return new PlannedReadFix(plan, kind, new List<string>(), shape);
    }

    private PlannedReadFix? PlanHeaderRead(SyntaxNode reported, IReadOnlyList<SyntaxNode> additional)
    {
        if (reported is AttributeSyntax or AttributeArgumentSyntax or AttributeListSyntax or ParameterSyntax)
        {
            PrepareCalls(RequestKind.HttpContext, reported);
            return fromHeader.Plan(reported) is { } binding
                ? new PlannedReadFix(binding.Edits, RequestKind.HttpContext, new[] { binding.Header }, ReadFixShape.FromHeaderBinding)
                : null;
        }

        if (reported is ArgumentSyntax argument)
        {
            reported = argument.Expression;
        }

        if (reported is not ExpressionSyntax start || ReadOf(start, additional) is not { } read || context.KindOf(read) is not { } kind ||
            UsesEveryEntry(start, read))
        {
            return null;
        }

        PrepareCalls(kind, start);
        var shape = ReadFixShape.Address;
        var plan = wholeBody.Plan(start, kind) ?? AtTheSource(start, read, kind) ?? fallback.Plan(start) ?? derivation.Plan(start, kind, out shape) ?? tryGetValue.Plan(start, kind);
        if (plan is null && kind == RequestKind.HttpContext && promotion.Prepare(start) is { } promoted &&
            Against(promoted.Target, () => derivation.Plan(start, kind, out shape)) is { } promotedPlan)
        {
            return new PlannedReadFix(promoted.CompleteWith(promotedPlan), kind, new[] { read.HeaderName }, ReadFixShape.ParameterPromotion);
        }

        if (plan is null)
        {
            return null;
        }

        AlsoAtTheSource(plan, read, kind);
        var headers = context.HeadersFeeding(plan.Targets);
        RewriteOrphanedPeerReads(plan);
        return new PlannedReadFix(plan, kind, headers.Count > 0 ? headers : new[] { read.HeaderName }, shape);
    }

    /// <summary>
    /// <c>var ip = headers["X-Forwarded-For"].ToString(); ... if (ip.Contains(',')) ip = ip.Split(',')[0].Trim();</c>:
    /// the leftmost entry re-derived into the local that holds the header. Rewriting only the re-derivation would
    /// leave the header read feeding the local's other uses (reported next, as CIP0002), so the fix goes to the source:
    /// the header read is fixed as its own diagnostic would be, and the re-derivation, a no-op on one address, goes.
    /// </summary>
    private RewritePlan? AtTheSource(ExpressionSyntax start, HeaderRead read, RequestKind kind)
    {
        if (read.Operation.Syntax is not ExpressionSyntax source || start.Span.Contains(source.Span) ||
            start.Ancestors().TakeWhile(n => n is not StatementSyntax).OfType<AssignmentExpressionSyntax>().FirstOrDefault() is not
                { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax statement } assignment ||
            context.SymbolOf(assignment.Left) is not ILocalSymbol local ||
            !OnlyLooksAt(assignment.Right, local))
        {
            return null;
        }

        StatementSyntax removed = statement;
        if (removed.Parent is BlockSyntax { Statements.Count: 1 } block)
        {
            removed = block;
        }

        if (removed.Parent is IfStatementSyntax { Else: null } guard && OnlyLooksAt(guard.Condition, local))
        {
            removed = guard;
        }

        if (removed is BlockSyntax || removed.Span.Contains(source.Span) ||
            (fallback.Plan(source) ?? derivation.Plan(source, kind, out _)) is not { } plan ||
            plan.Targets.Any(t => t.Span.IntersectsWith(removed.Span)))
        {
            return null;
        }

        return plan.Remove(removed);
    }

    /// <summary>
    /// <c>string xff = headers["X-Forwarded-For"].ToString(); ... var client = comma >= 0 ? xff.Substring(0, comma) : xff;</c>:
    /// the selection is rewritten, and the local that held the header is still used as it is, so its read is rewritten
    /// too (it would be reported next, and one Fix All pass must leave the document clean). The remaining steps on it
    /// then see one address with no comma and keep it whole.
    /// </summary>
    private void AlsoAtTheSource(RewritePlan plan, HeaderRead read, RequestKind kind)
    {
        if (read.Operation.Syntax is not ExpressionSyntax source || plan.Targets.Any(t => t.Span.IntersectsWith(source.Span)) ||
            derivation.Widen(source).Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            context.Model.GetDeclaredSymbol(declarator, context.CancellationToken) is not ILocalSymbol local ||
            declarator.Ancestors().FirstOrDefault(ReadRewriteContext.IsFunctionBoundary) is not { } function)
        {
            return;
        }

        // Uses that only feed a local the edits leave unused (var ips = xff.Split(',') for ips[0]) go with it.
        var targets = plan.Targets.ToArray();
        var usedAsItIs = context.ReferencesTo(local, function).Any(n => !targets.Any(t => t.Span.Contains(n.Span)) && !IsPresenceTest(n) && !FeedsCandidate(n, plan));
        if (usedAsItIs && derivation.Plan(source, kind, out _) is { } atSource && !atSource.Targets.Any(t => targets.Any(u => u.Span.IntersectsWith(t.Span))))
        {
            plan.Replacements.AddRange(atSource.Replacements);
            plan.CandidateLocals.UnionWith(atSource.CandidateLocals);
            plan.Imports.UnionWith(atSource.Imports);
        }
    }

    private bool FeedsCandidate(IdentifierNameSyntax use, RewritePlan plan) =>
        use.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is { } declarator &&
        context.Model.GetDeclaredSymbol(declarator, context.CancellationToken) is ILocalSymbol fed && plan.CandidateLocals.Contains(fed);

    /// <summary><c>string.IsNullOrEmpty(v)</c>, <c>v == null</c>, <c>v.Length == 0</c>: the value is only asked whether it is there.</summary>
    private static bool IsPresenceTest(IdentifierNameSyntax use) => use.Parent switch
    {
        ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" } } } => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } => true,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "Count" } => true,
        _ => false,
    };

    /// <summary>Reads <paramref name="local"/> (and no other variable) through side-effect-free calls only.</summary>
    private bool OnlyLooksAt(ExpressionSyntax expression, ILocalSymbol local)
    {
        var seen = false;
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax or DeclarationExpressionSyntax:
                case InvocationExpressionSyntax invocation when !SideEffectFreeMethods.IsSideEffectFree(context.SymbolOf(invocation) as IMethodSymbol, context.Symbols):
                    return false;
                case IdentifierNameSyntax identifier when !(identifier.Parent is MemberAccessExpressionSyntax member && member.Name == identifier) &&
                                                          context.SymbolOf(identifier) is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol:
                    if (!SymbolEqualityComparer.Default.Equals(context.SymbolOf(identifier), local))
                    {
                        return false; // another variable: the statement does more than re-derive this one
                    }

                    seen = true;
                    break;
            }
        }

        return seen;
    }

    /// <summary>
    /// The peer reads of the function that the analyzers leave alone only because the function also reads a header
    /// (the "else the peer" of the idiom, a hand-written resolver's peer): when this fix rewrites the function's last
    /// header read, they would be reported next (CIP0001), so they become the resolver too, in the same fix.
    /// </summary>
    private void RewriteOrphanedPeerReads(RewritePlan plan)
    {
        var targets = plan.Targets.ToArray();
        var function = targets[0].AncestorsAndSelf().FirstOrDefault(ReadRewriteContext.IsFunctionBoundary);
        bool Untouched(SyntaxNode node) => !targets.Any(t => t.Span.Contains(node.Span));
        if (function is null ||
            function.DescendantNodes().Any(n => Untouched(n) && (context.HeaderReadAt(n) is not null ||
                (n is IdentifierNameSyntax && context.SymbolOf(n) is IParameterSymbol parameter && FromHeader.HeaderOf(parameter, context.Symbols) is not null))))
        {
            return;
        }

        var containing = context.Model.GetEnclosingSymbol(targets[0].SpanStart, context.CancellationToken);
        foreach (var node in function.DescendantNodes().Where(n => Untouched(n) && context.PeerReadAt(n) is { IsAspNetCore: true }).ToList())
        {
            // context.Connection.RemoteIpAddress = address writes the peer: nothing to rewrite.
            if (node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node)
            {
                continue;
            }

            var operation = context.Model.GetOperation(node, context.CancellationToken)!;
            if ((HeaderFallback.IsFallback(operation, context.Symbols, context.CancellationToken) ||
                 TrustedPeerCheck.IsProxyTrustCode(operation, containing, context.Symbols, context.CancellationToken)) &&
                remote.Plan(node) is { } step && Untouched(step.Target) && !plan.Targets.Any(t => step.Target.Span.Contains(t.Span)))
            {
                plan.Replace(step.Target, step.Replacement);
            }
        }
    }

    /// <summary>Plans with <paramref name="target"/> as the request in reach.</summary>
    private T? Against<T>(ResolverTarget target, System.Func<T?> plan)
    {
        context.Locator.Provided = target;
        try
        {
            return plan();
        }
        finally
        {
            context.Locator.Provided = null;
        }
    }

    /// <summary>
    /// The header read behind the report: the reported expression itself (CIP0002), inside it (a CIP0003 selection),
    /// or, when the selection goes through a local, the read the analyzer names as the first additional location.
    /// </summary>
    private HeaderRead? ReadOf(ExpressionSyntax start, IReadOnlyList<SyntaxNode> additional) =>
        context.FindHeaderRead(start) ?? additional.Select(node => context.FindHeaderRead(node)).FirstOrDefault(read => read is not null);

    /// <summary>
    /// Whether the read's value is used entry by entry (iterated, counted, joined), as the analyzers' own value-use
    /// summary sees it, and the reported code does not reduce it to one address first: one resolved address cannot
    /// stand in for a list. (<c>GetCommaSeparatedValues(...).LastOrDefault()</c> picks one entry: the nearest proxy's.)
    /// </summary>
    private bool UsesEveryEntry(ExpressionSyntax start, HeaderRead read)
    {
        var whole = derivation.Widen(start);
        var type = context.TypeOf(whole);
        if (whole != start && (type?.SpecialType == SpecialType.System_String || context.Symbols.IsOrImplements(type, System_Net_IPAddress)))
        {
            return false;
        }

        return read.Value is { } value && ValueUses.Summarize(value, read.IsText, context.Symbols, context.CancellationToken).AllEntries > 0;
    }
}
