using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Common;
using ClientIp.CodeFixes.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// Applies a planned read fix to its document with a <see cref="DocumentEditor"/>: the replacements, the locals left
/// unused, the comment the header decision asks for, and <c>using ClientIp;</c> when the resolver is not in scope.
/// </summary>
internal static class ReadFixApplier
{
    public static async Task<DocumentEdit?> ApplyAsync(
        Document document, PlannedReadFix fix, HeaderDecision decision, SemanticModel model, WellKnownSymbols symbols, CancellationToken cancellationToken)
    {
        var plan = fix.Edits.Copy();
        UnusedLocalRemover.AddRemovals(plan, model, symbols, cancellationToken);
        UnusedLocalRemover.AddFieldRemovals(plan, model, symbols, cancellationToken);
        var targets = plan.Targets.ToArray();
        if (targets.Any(a => targets.Any(b => !ReferenceEquals(a, b) && a.Span.OverlapsWith(b.Span))))
        {
            return null;
        }

        // The comment the header decision asks for goes above the statement holding the first rewrite (into the
        // replacement itself when that statement is what is replaced).
        var comment = decision.SiteComment();
        var anchor = comment is null ? null : CommentAnchor(plan.Replacements[0].Key);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var marker = DocumentEdit.NewMarker();
        foreach (var replacement in plan.Replacements)
        {
            var value = replacement.Key == anchor ? WithComment(replacement.Value, comment!) : replacement.Value;
            editor.ReplaceNode(replacement.Key, value.WithAdditionalAnnotations(marker));
        }

        foreach (var removal in plan.Removals)
        {
            // Removals sit next to a replacement in the same member (or are a field only that member read), so the
            // verification covers them.
            editor.RemoveNode(removal, SyntaxRemoveOptions.KeepUnbalancedDirectives | RemoveOptionsFor(removal));
            if (removal is FieldDeclarationSyntax field && !field.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) &&
                NextMember(field) is { } next && next.GetLeadingTrivia().FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia))
            {
                // The first member went: so does the blank line that separated it from the next one.
                editor.ReplaceNode(next, (current, _) => current.WithLeadingTrivia(current.GetLeadingTrivia().RemoveAt(0)));
            }
        }

        if (anchor is not null && !plan.Replacements.Any(r => r.Key == anchor))
        {
            editor.ReplaceNode(anchor, (current, _) => WithComment(current, comment!));
        }

        var newRoot = ConditionalAccessFlattener.Flatten(editor.GetChangedRoot(), marker);
        var resolver = fix.Kind == RequestKind.HttpListener ? symbols.ListenerResolverExtensions! : symbols.ResolverExtensions!;
        // Imports: the resolver's namespace (unless called through its class), and those of types the fix writes (HttpContext).
        var position = targets[0].SpanStart;
        var imports = plan.Imports.Where(type => !model.LookupSymbols(position, name: type.Name).Any(s => SymbolEqualityComparer.Default.Equals(s, type)))
            .Select(type => type.ContainingNamespace)
            .ToList();
        if (!fix.Qualified && !ResolverNames.IsInScope(model, position, fix.Kind, symbols, resolver))
        {
            imports.Add(resolver.ContainingNamespace);
        }

        var wholeDocument = false;
        foreach (var ns in imports.Distinct<INamespaceSymbol>(SymbolEqualityComparer.Default))
        {
            if (newRoot is CompilationUnitSyntax unit)
            {
                newRoot = UsingDirectiveAdder.Add(unit, ns.ToDisplayString());
                wholeDocument |= ResolverNames.MayCollide(model.SyntaxTree.GetRoot(cancellationToken), ns);
            }
        }

        return new DocumentEdit(document, document.WithSyntaxRoot(newRoot), marker, targets, wholeDocument);
    }

    private static SyntaxRemoveOptions RemoveOptionsFor(SyntaxNode removal) =>
        removal.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            ? SyntaxRemoveOptions.KeepLeadingTrivia
            : SyntaxRemoveOptions.KeepNoTrivia;

    private static MemberDeclarationSyntax? NextMember(MemberDeclarationSyntax member) =>
        member.Parent is TypeDeclarationSyntax type && type.Members.IndexOf(member) is var index && index + 1 < type.Members.Count ? type.Members[index + 1] : null;

    /// <summary>The statement (or, for an expression-bodied member, the member) a site comment goes above.</summary>
    private static SyntaxNode? CommentAnchor(SyntaxNode target) =>
        target.AncestorsAndSelf().FirstOrDefault(n => n is StatementSyntax and not BlockSyntax || n is MemberDeclarationSyntax) is { } node
            ? node.Parent is GlobalStatementSyntax global ? global : node
            : null;

    private static SyntaxNode WithComment(SyntaxNode node, string comment)
    {
        var leading = node.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newLine = node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var added = new List<SyntaxTrivia> { SyntaxFactory.Comment(comment), newLine == default ? SyntaxFactory.CarriageReturnLineFeed : newLine };
        if (indentation != default)
        {
            added.Add(indentation);
        }

        return node.WithLeadingTrivia(leading.AddRange(added));
    }
}

/// <summary>
/// The resolver's method names at a place in the code: whether the resolver is already in scope, whether another
/// method of the same name is (the fix then calls the resolver through its class), and whether importing its
/// namespace could change what other names in the file mean.
/// </summary>
internal static class ResolverNames
{
    private static readonly string[] MethodNames = { WellKnownSymbols.ResolverMethodName, WellKnownSymbols.PartitionKeyMethodName };

    /// <summary>Whether <c>x.GetClientIpAddress()</c> already binds to the resolver at <paramref name="position"/>.</summary>
    public static bool IsInScope(SemanticModel model, int position, RequestKind kind, WellKnownSymbols symbols, INamedTypeSymbol resolver) =>
        ReceiverType(kind, symbols) is { } receiver &&
        model.LookupSymbols(position, receiver, WellKnownSymbols.ResolverMethodName, includeReducedExtensionMethods: true)
            .Any(s => SymbolEqualityComparer.Default.Equals(s.ContainingType, resolver));

    /// <summary>
    /// Whether a method of the resolver's names that is not the resolver's is visible for the request type at
    /// <paramref name="position"/> (e.g. the app's own <c>GetClientIpAddress(this HttpContext)</c> helper, which is
    /// often the very code being fixed): <c>x.GetClientIpAddress()</c> would call that one, or be ambiguous.
    /// </summary>
    /// <remarks>
    /// Asked of the compilation's declarations first, which is cheap: only when the code being fixed declares a method
    /// of that name is the scope looked up. (Another library's method of the same name would make the call ambiguous, an
    /// error the check made when the fix is applied catches.)
    /// </remarks>
    public static bool IsTaken(SemanticModel model, int position, RequestKind kind, WellKnownSymbols symbols)
    {
        var resolver = kind == RequestKind.HttpListener ? symbols.ListenerResolverExtensions : symbols.ResolverExtensions;
        return ReceiverType(kind, symbols) is { } receiver &&
            MethodNames.Any(name => model.Compilation.ContainsSymbolsWithName(name, SymbolFilter.Member) &&
                model.LookupSymbols(position, receiver, name, includeReducedExtensionMethods: true)
                    .Any(s => !SymbolEqualityComparer.Default.Equals(s.ContainingType, resolver)));
    }

    /// <summary>
    /// Whether a using of <paramref name="ns"/> could change the meaning of a name already in the file: a using only
    /// affects simple names and extension methods that the namespace declares, so when none of the file's identifiers
    /// is such a name, checking the members the fix changed is enough.
    /// </summary>
    public static bool MayCollide(SyntaxNode root, INamespaceSymbol ns)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var type in ns.GetTypeMembers())
        {
            names.Add(type.Name);
            if (type.IsStatic || type.MightContainExtensionMethods)
            {
                foreach (var member in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsExtensionMethod))
                {
                    names.Add(member.Name);
                }
            }
        }

        return root.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) &&
            (names.Contains(t.ValueText) || names.Contains(t.ValueText + "Attribute")));
    }

    private static ITypeSymbol? ReceiverType(RequestKind kind, WellKnownSymbols symbols) =>
        symbols.Get(kind == RequestKind.HttpListener ? System_Net_HttpListenerRequest : Microsoft_AspNetCore_Http_HttpContext);
}

/// <summary>
/// <c>(a?.b)?.c</c>, as a replacement put at the head of an existing <c>?.</c> chain builds it, becomes the
/// <c>a?.b?.c</c> the parser would build from the same text (same meaning; the tree then matches the code as written).
/// </summary>
internal static class ConditionalAccessFlattener
{
    public static SyntaxNode Flatten(SyntaxNode root, SyntaxAnnotation written)
    {
        var heads = root.GetAnnotatedNodes(written)
            .SelectMany(n => n.DescendantNodesAndSelf().Append(n.Parent!))
            .OfType<ConditionalAccessExpressionSyntax>()
            .Where(c => c.Expression is ConditionalAccessExpressionSyntax)
            .Distinct()
            .ToList();
        return heads.Count == 0 ? root : root.ReplaceNodes(heads, (_, rewritten) => Rebuild((ConditionalAccessExpressionSyntax)rewritten));
    }

    private static ExpressionSyntax Rebuild(ConditionalAccessExpressionSyntax access) =>
        access.Expression is ConditionalAccessExpressionSyntax inner
            ? Rebuild(SyntaxFactory.ConditionalAccessExpression(
                inner.Expression,
                Rebuild(SyntaxFactory.ConditionalAccessExpression(inner.WhenNotNull, access.WhenNotNull))).WithTriviaFrom(access))
            : access;
}
