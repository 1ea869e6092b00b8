using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// A <c>TryGetValue(header, out var v)</c> that no other strategy took: on its own as a condition, or with its result
/// discarded and <c>v</c> used later. The call becomes the resolved client as text, with the same out variable:
/// <list type="bullet">
/// <item><c>if (h.TryGetValue("CF-Connecting-IP", out var v) &amp;&amp; IPAddress.TryParse(v, out var a))</c> becomes
/// <c>if (ctx.GetClientIpAddress()?.ToString() is string v &amp;&amp; IPAddress.TryParse(v, out var a))</c>, and
/// <c>!h.TryGetValue(..., out var v)</c> becomes <c>... is not string v</c> (true exactly when the resolver knows no client);</item>
/// <item><c>h.TryGetValue("X-Real-IP", out var v);</c> becomes <c>StringValues v = ctx.GetClientIpAddress()?.ToString();</c>
/// (the out variable keeps its type, so every later use means what it meant).</item>
/// </list>
/// In a condition the variable becomes text; where the code asks something only a header value answers (its count,
/// an entry by index, LINQ over its entries) there is no fix.
/// </summary>
internal sealed class TryGetValueRewrite
{
    private readonly ReadRewriteContext context;

    public TryGetValueRewrite(ReadRewriteContext context) => this.context = context;

    public RewritePlan? Plan(ExpressionSyntax start, RequestKind kind)
    {
        // A name from a loop or a caller (a local or a parameter): which header the code trusted is not known here.
        if (start is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments } invocation ||
            context.SymbolOf(invocation) is not IMethodSymbol { Name: "TryGetValue" } ||
            arguments[1] is not { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword, Expression: DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation } } ||
            context.Model.GetDeclaredSymbol(designation, context.CancellationToken) is not ILocalSymbol local ||
            context.SymbolOf(arguments[0].Expression) is ILocalSymbol or IParameterSymbol ||
            context.TargetFor(start, kind) is not { } target)
        {
            return null;
        }

        var text = context.Calls.Text(target);
        var plan = new RewritePlan();
        // TryGetValue(...); or _ = TryGetValue(...);
        var statement = invocation.Parent as ExpressionStatementSyntax ??
            (invocation.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard ? discard.Parent as ExpressionStatementSyntax : null);
        if (statement is not null)
        {
            var type = Text(invocation);
            if (context.Symbols.IsOrImplements(local.Type, Microsoft_Extensions_Primitives_StringValues) && local.Type is INamedTypeSymbol values)
            {
                type = (TypeSyntax)context.Generator.TypeExpression(values, addImport: true);
                plan.Imports.Add(values);
            }

            plan.Replace(statement, ReadRewriteContext.DeclareLocal(type, designation.Identifier, text));
        }
        else
        {
            if (!context.Symbols.IsOrImplements(local.Type, Microsoft_Extensions_Primitives_StringValues) && local.Type.SpecialType != SpecialType.System_String ||
                !(Assigned(invocation) is { } regions && References(local, invocation).All(r => !AsksForAHeaderValue(r) && regions.Any(region => region.Span.Contains(r.Span)))))
            {
                return null;
            }

            var designated = SyntaxFactory.DeclarationPattern(
                SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)),
                SyntaxFactory.SingleVariableDesignation(designation.Identifier.WithoutTrivia()));
            SyntaxNode site = invocation;
            PatternSyntax pattern = designated;
            if (invocation.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
            {
                site = not;
                pattern = SyntaxFactory.UnaryPattern(SyntaxFactory.Token(SyntaxKind.NotKeyword).WithTrailingTrivia(SyntaxFactory.Space), designated);
            }

            plan.Replace(site, SyntaxFactory.IsPatternExpression(text, pattern));
        }

        context.AddReferencedLocals(invocation, plan);
        return plan;
    }

    /// <summary>
    /// Where a pattern variable replacing the out variable is definitely assigned: the rest of an <c>&amp;&amp;</c> chain and
    /// the branch taken when the lookup succeeded (for <c>!TryGetValue</c>, the else branch and, when the then branch
    /// always leaves, the statements after the <c>if</c>). Null when the lookup is not such a condition: an out variable
    /// is assigned everywhere, a pattern variable is not.
    /// </summary>
    private static List<SyntaxNode>? Assigned(InvocationExpressionSyntax invocation)
    {
        var regions = new List<SyntaxNode>();
        SyntaxNode node = invocation;
        var negated = false;
        if (node.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
        {
            node = not;
            negated = true;
        }

        var chain = negated ? SyntaxKind.LogicalOrExpression : SyntaxKind.LogicalAndExpression;
        while (node.Parent is ParenthesizedExpressionSyntax || node.Parent is BinaryExpressionSyntax binary && binary.IsKind(chain) && binary.Left == node)
        {
            if (node.Parent is BinaryExpressionSyntax rest)
            {
                regions.Add(rest.Right);
            }

            node = node.Parent;
        }

        switch (node.Parent)
        {
            case IfStatementSyntax @if when @if.Condition == node:
                if (!negated)
                {
                    regions.Add(@if.Statement);
                    return regions;
                }

                if (@if.Else is not null)
                {
                    regions.Add(@if.Else);
                }

                if (@if.Parent is BlockSyntax block && Leaves(@if.Statement))
                {
                    regions.AddRange(block.Statements.SkipWhile(s => s != @if).Skip(1));
                }

                return regions;

            case ConditionalExpressionSyntax conditional when conditional.Condition == node:
                regions.Add(negated ? conditional.WhenFalse : conditional.WhenTrue);
                return regions;

            default:
                return null;
        }
    }

    private static bool Leaves(StatementSyntax statement) =>
        (statement is BlockSyntax block ? block.Statements.LastOrDefault() : statement) is ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax;

    /// <summary><c>string?</c> where nullable annotations are on, else <c>string</c>.</summary>
    private TypeSyntax Text(SyntaxNode site)
    {
        TypeSyntax type = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword));
        return (context.Model.GetNullableContext(site.SpanStart) & NullableContext.AnnotationsEnabled) != 0 ? SyntaxFactory.NullableType(type) : type;
    }

    private IEnumerable<IdentifierNameSyntax> References(ILocalSymbol local, SyntaxNode site) =>
        context.ReferencesTo(local, site.Ancestors().FirstOrDefault(ReadRewriteContext.IsFunctionBoundary) ?? site.SyntaxTree.GetRoot(context.CancellationToken));

    /// <summary>A use that reads the variable as a list of header lines: <c>v.Count</c>, <c>v[0]</c>, <c>v.First()</c>, <c>foreach</c>.</summary>
    private bool AsksForAHeaderValue(IdentifierNameSyntax use) => use.Parent switch
    {
        MemberAccessExpressionSyntax member when member.Expression == use => member.Name.Identifier.ValueText != "ToString",
        ElementAccessExpressionSyntax or ConditionalAccessExpressionSyntax or ForEachStatementSyntax => true,
        _ => false,
    };
}
