using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// The "header if present, else the peer address" idiom, with one header or a chain of them (<c>CF-Connecting-IP</c>,
/// then <c>X-Forwarded-For</c>, then the peer), written with <c>??</c>, conditional expressions, if/else, early
/// returns, or a default the header overrides. The whole idiom collapses into the resolver call built from the
/// fallback branch, which already has the type the surrounding code expects. The headers it tried are reported
/// by the planner (the first one is what the resolver must read).
/// </summary>
internal sealed class FallbackCollapse
{
    private readonly ReadRewriteContext context;
    private readonly RemoteAddressRewrite remote;
    private readonly DerivationRewrite derivation;

    public FallbackCollapse(ReadRewriteContext context, RemoteAddressRewrite remote, DerivationRewrite derivation)
    {
        this.context = context;
        this.remote = remote;
        this.derivation = derivation;
    }

    public RewritePlan? Plan(ExpressionSyntax start)
    {
        SyntaxNode inner = start;
        for (var node = start.Parent; node is not null && !ReadRewriteContext.IsFunctionBoundary(node); inner = node, node = node.Parent)
        {
            switch (node)
            {
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == inner && IsFallbackTail(coalesce.Right, start):
                    return CollapseChain(coalesce, start);
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when IsHeaderDerivation(coalesce.Left) && IsHeaderDerivation(coalesce.Right):
                    return HeaderChain(coalesce, start);
                case ConditionalExpressionSyntax conditional when
                    (IsFallbackTail(conditional.WhenFalse, start) && !IsFallback(conditional.WhenTrue, start)) ||
                    (IsFallbackTail(conditional.WhenTrue, start) && !IsFallback(conditional.WhenFalse, start)):
                    return CollapseChain(conditional, start);
                case IfStatementSyntax ifStatement when (ParseElsePeer(ifStatement, start) ?? StatementFallback(ifStatement, start)) is { } plan:
                    return plan;
                case StatementSyntax statement when FallbackAfter(statement, start) is { } plan:
                    return plan;
            }
        }

        return null;
    }

    /// <summary>
    /// The outermost <c>??</c> / <c>?:</c> chain around <paramref name="construct"/> whose other links only derive
    /// addresses from headers: <c>h1 ?? (h2 ?? peer)</c> is collapsed whole from either read.
    /// </summary>
    private RewritePlan? CollapseChain(ExpressionSyntax construct, ExpressionSyntax start)
    {
        var chain = construct;
        while (Unparenthesized(chain.Parent) is { } parent)
        {
            var isLink = parent switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce =>
                    Strip(coalesce.Right) == chain && IsHeaderDerivation(coalesce.Left),
                ConditionalExpressionSyntax conditional =>
                    (Strip(conditional.WhenFalse) == chain && IsHeaderDerivation(conditional.WhenTrue)) ||
                    (Strip(conditional.WhenTrue) == chain && IsHeaderDerivation(conditional.WhenFalse)),
                _ => false,
            };
            if (!isLink)
            {
                break;
            }

            chain = (ExpressionSyntax)parent;
        }

        return FallbackOf(chain, start) is { } fallback ? Collapse(chain, fallback) : null;
    }

    /// <summary>
    /// <c>h1 ?? h2</c> with no peer after them (gRPC's <c>Get("x-client-ip")?.Value ?? ...</c>), and perhaps a default
    /// (<c>?? "unknown"</c>): the headers become one call of the resolver, giving the chain's kind of value; the first
    /// header is the one it reads.
    /// </summary>
    private RewritePlan? HeaderChain(BinaryExpressionSyntax coalesce, ExpressionSyntax start)
    {
        ExpressionSyntax chain = coalesce;
        while (Unparenthesized(chain.Parent) is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } parent &&
               IsHeaderDerivation(Strip(parent.Left) == chain ? parent.Right : parent.Left))
        {
            chain = parent;
        }

        var type = context.TypeOf(chain);
        var isText = type?.SpecialType == SpecialType.System_String;
        if ((!isText && !context.Symbols.IsOrImplements(type, ClientIp.Analyzers.Common.WellKnownType.System_Net_IPAddress)) ||
            context.KindOf(context.FindHeaderRead(start)!) is not { } kind || context.TargetFor(start, kind) is not { } target)
        {
            return null;
        }

        // A default after the headers (?? "unknown") stays the default.
        var last = chain;
        while (Strip(last) is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } link)
        {
            last = link.Right;
        }

        var call = isText ? context.Calls.Text(target) : context.Calls.IpAddress(target);
        var replacement = context.ReadsHeader(last) ? context.KeepNullState(chain, call, isText) : ResolverCallFactory.Coalesce(call, Strip(last).WithoutTrivia());
        var plan = new RewritePlan().Replace(chain, replacement);
        context.AddReferencedLocals(chain, plan);
        return plan;
    }

    /// <summary>The peer branch at the end of a chain.</summary>
    private ExpressionSyntax? FallbackOf(ExpressionSyntax chain, ExpressionSyntax start) => Strip(chain) switch
    {
        var expression when IsFallback(expression, start) => expression, // also "peer?.ToString() ?? "anon"" as a whole
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => FallbackOf(coalesce.Right, start),
        ConditionalExpressionSyntax conditional when IsFallbackTail(conditional.WhenFalse, start) && !IsFallback(conditional.WhenTrue, start) => FallbackOf(conditional.WhenFalse, start),
        ConditionalExpressionSyntax conditional when IsFallbackTail(conditional.WhenTrue, start) => FallbackOf(conditional.WhenTrue, start),
        _ => null,
    };

    /// <summary>A fallback, or a chain link (a header derivation tried first) that ends in one.</summary>
    private bool IsFallbackTail(ExpressionSyntax expression, ExpressionSyntax start) => Strip(expression) switch
    {
        var e when IsFallback(e, start) => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => IsHeaderDerivation(coalesce.Left) && IsFallbackTail(coalesce.Right, start),
        ConditionalExpressionSyntax conditional =>
            (IsHeaderDerivation(conditional.WhenTrue) && IsFallbackTail(conditional.WhenFalse, start)) ||
            (IsHeaderDerivation(conditional.WhenFalse) && IsFallbackTail(conditional.WhenTrue, start)),
        _ => false,
    };

    /// <summary>An address read from headers (directly or through locals) by side-effect-free steps only, not from the peer.</summary>
    private bool IsHeaderDerivation(ExpressionSyntax expression) =>
        context.ReadsHeader(expression) &&
        !expression.DescendantNodesAndSelf().Any(context.IsRemoteAddressRead) &&
        expression.DescendantNodesAndSelf().All(n => n is not (AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax) &&
            (n is not InvocationExpressionSyntax invocation || SideEffectFreeMethods.IsSideEffectFree(context.SymbolOf(invocation) as IMethodSymbol, context.Symbols)));

    /// <summary><c>if (header) x = H; else x = F;</c>, <c>if (header) return H; [if (header2) return H2;] return F;</c>, <c>x = F; if (header) x = H;</c>.</summary>
    private RewritePlan? StatementFallback(IfStatementSyntax ifStatement, ExpressionSyntax start)
    {
        var then = Single(ifStatement.Statement);
        if (then is null)
        {
            return null;
        }

        if (ifStatement.Else is { } elseClause)
        {
            var otherwise = Single(elseClause.Statement);
            if (otherwise is null || !SameShape(then, otherwise))
            {
                return null;
            }

            if (IsFallbackStatement(otherwise, start) && !IsFallbackStatement(then, start))
            {
                return CollapseStatement(ifStatement, otherwise);
            }

            return IsFallbackStatement(then, start) && !IsFallbackStatement(otherwise, start) ? CollapseStatement(ifStatement, then) : null;
        }

        if (ifStatement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var index = block.Statements.IndexOf(ifStatement);
        if (then is ReturnStatementSyntax)
        {
            // Earlier and later "if (header) return ...;" of the same chain go too, up to the fallback return.
            var first = index;
            while (first > 0 && IsHeaderReturn(block.Statements[first - 1]))
            {
                first--;
            }

            var last = index;
            while (last + 1 < block.Statements.Count && IsHeaderReturn(block.Statements[last + 1]))
            {
                last++;
            }

            if (last + 1 < block.Statements.Count && block.Statements[last + 1] is ReturnStatementSyntax fallbackReturn && IsFallbackStatement(fallbackReturn, start))
            {
                var plan = CollapseStatement(block.Statements[first], fallbackReturn);
                for (var i = first + 1; i <= last + 1; i++)
                {
                    plan?.Remove(block.Statements[i]);
                }

                return plan;
            }

            return null;
        }

        // x = F; if (header) x = H;  (the default is the peer, the header overrides it), also when the override is
        // guarded further by checks of the header's value: if (header) { if (IPAddress.TryParse(h, out var p)) x = p; }
        if (OverridingAssignment(then) is { } assignment && index > 0 &&
            FallbackValueOf(block.Statements[index - 1], assignment.Left) is { } fallback && IsFallback(fallback, start) &&
            !UsedAfter(ifStatement, block))
        {
            var plan = Collapse(fallback, fallback);
            return plan?.Remove(ifStatement);
        }

        return null;
    }

    /// <summary>The assignment <paramref name="statement"/> makes, through ifs (no else) that only look at header values.</summary>
    private AssignmentExpressionSyntax? OverridingAssignment(StatementSyntax? statement)
    {
        while (statement is IfStatementSyntax { Else: null } nested && IsHeaderDerivation(nested.Condition))
        {
            statement = Single(nested.Statement);
        }

        return statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } ? assignment : null;
    }

    /// <summary>Whether a variable declared in <paramref name="removed"/>'s conditions (they leak into the block) is used after it.</summary>
    private bool UsedAfter(IfStatementSyntax removed, BlockSyntax block)
    {
        var declared = removed.DescendantNodes().OfType<SingleVariableDesignationSyntax>()
            .Select(d => context.Model.GetDeclaredSymbol(d, context.CancellationToken))
            .OfType<ISymbol>()
            .ToImmutableHashSet<ISymbol>(SymbolEqualityComparer.Default);
        return declared.Count > 0 && block.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Any(id => !removed.Span.Contains(id.Span) && context.SymbolOf(id) is { } symbol && declared.Contains(symbol));
    }

    /// <summary><c>if (&lt;reads a header&gt;) return &lt;header value&gt;;</c> with no else.</summary>
    private bool IsHeaderReturn(StatementSyntax statement) =>
        statement is IfStatementSyntax { Else: null } candidate &&
        Single(candidate.Statement) is ReturnStatementSyntax { Expression: { } value } &&
        context.ReadsHeader(candidate.Condition) && IsHeaderDerivation(value);

    /// <summary><c>var x = H; if (string.IsNullOrEmpty(x)) x = F;</c>: the read is in the statement before the if.</summary>
    private RewritePlan? FallbackAfter(StatementSyntax statement, ExpressionSyntax start)
    {
        if (statement is IfStatementSyntax || statement.Parent is not BlockSyntax block)
        {
            return null;
        }

        var index = block.Statements.IndexOf(statement);
        if (index + 1 >= block.Statements.Count || block.Statements[index + 1] is not IfStatementSyntax { Else: null } next ||
            Single(next.Statement) is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment } ||
            !IsFallback(assignment.Right, start))
        {
            return null;
        }

        var headerValue = FallbackValueOf(statement, assignment.Left);

        // The condition must be about the value just read, e.g. string.IsNullOrEmpty(ip) or ip == null.
        if (headerValue is null || !headerValue.Span.Contains(start.Span) ||
            !next.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => SyntaxFactory.AreEquivalent(assignment.Left, id)))
        {
            return null;
        }

        var plan = Collapse(headerValue, assignment.Right);
        return plan?.Remove(next);
    }

    private RewritePlan? Collapse(SyntaxNode target, ExpressionSyntax fallback)
    {
        var rewritten = RewriteFallback(fallback);
        if (rewritten is null)
        {
            return null;
        }

        var plan = new RewritePlan().Replace(target, rewritten);
        context.AddReferencedLocals(target, plan);
        if (target is ExpressionSyntax expression && target != fallback)
        {
            derivation.AdjustDeclaredType(expression, context.TypeOf(fallback), plan);
        }

        return plan;
    }

    private RewritePlan? CollapseStatement(StatementSyntax target, StatementSyntax fallbackStatement)
    {
        var fallback = FallbackExpressionOf(fallbackStatement)!;
        var rewritten = RewriteFallback(fallback);
        if (rewritten is null)
        {
            return null;
        }

        var statement = fallbackStatement.ReplaceNode(fallback, rewritten.WithTriviaFrom(fallback));
        var plan = new RewritePlan().Replace(target, statement);
        context.AddReferencedLocals(target, plan);
        return plan;
    }

    /// <summary>The fallback with each peer-address read turned into the resolver call.</summary>
    private ExpressionSyntax? RewriteFallback(ExpressionSyntax fallback)
    {
        var reads = fallback.DescendantNodesAndSelf().Where(context.IsRemoteAddressRead).ToArray();
        var planned = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var read in reads)
        {
            if (remote.Plan(read) is not { } step)
            {
                return null;
            }

            planned[step.Target] = step.Replacement;
        }

        if (planned.Keys.Any(t => planned.Keys.Any(o => o != t && o.Span.Contains(t.Span))))
        {
            return null; // nested reads: not a shape worth guessing at
        }

        return fallback.ReplaceNodes(planned.Keys, (original, _) => planned[original].WithTriviaFrom(original));
    }

    /// <summary>A value built from the peer address (or already from the resolver) and not from any header.</summary>
    private bool IsFallback(ExpressionSyntax expression, ExpressionSyntax start)
    {
        if (expression.Span.Contains(start.Span) || context.ReadsHeader(expression))
        {
            return false;
        }

        return expression.DescendantNodesAndSelf().Any(n => context.IsRemoteAddressRead(n) || context.IsResolverCall(n));
    }

    /// <summary>
    /// <c>if (!IPAddress.TryParse(headers["X-Real-IP"], out var ip)) { ip = ctx.Connection.RemoteIpAddress; }</c>: the
    /// header's address, else the peer, in one variable. Becomes <c>var ip = ctx.GetClientIpAddress();</c> (or an
    /// assignment when the variable was declared before).
    /// </summary>
    private RewritePlan? ParseElsePeer(IfStatementSyntax ifStatement, ExpressionSyntax start)
    {
        if (ifStatement.Else is not null ||
            ifStatement.Condition is not PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments } parse } ||
            !arguments[0].Span.Contains(start.Span) || !IsHeaderDerivation(arguments[0].Expression) ||
            context.SymbolOf(parse) is not IMethodSymbol { Name: "TryParse", IsStatic: true } method ||
            !context.Symbols.IsOrImplements(method.ContainingType, System_Net_IPAddress) ||
            Single(ifStatement.Statement) is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } assignment } fallbackStatement ||
            !IsFallbackStatement(fallbackStatement, start))
        {
            return null;
        }

        switch (arguments[1].Expression)
        {
            case IdentifierNameSyntax existing when existing.Identifier.ValueText == assigned.Identifier.ValueText:
                return CollapseStatement(ifStatement, fallbackStatement);

            case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax declared } when declared.Identifier.ValueText == assigned.Identifier.ValueText:
                if (RewriteFallback(assignment.Right) is not { } rewritten)
                {
                    return null;
                }

                var plan = new RewritePlan().Replace(ifStatement, ReadRewriteContext.DeclareLocal(SyntaxFactory.IdentifierName("var"), declared.Identifier, rewritten));
                context.AddReferencedLocals(ifStatement, plan);
                return plan;

            default:
                return null;
        }
    }

    private bool IsFallbackStatement(StatementSyntax statement, ExpressionSyntax start) =>
        FallbackExpressionOf(statement) is { } value && IsFallback(value, start);

    private static ExpressionSyntax? FallbackExpressionOf(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax { Expression: { } value } => value,
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment } => assignment.Right,
        _ => null,
    };

    private static ExpressionSyntax? FallbackValueOf(StatementSyntax previous, ExpressionSyntax target) => previous switch
    {
        LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
            when target is IdentifierNameSyntax name && name.Identifier.ValueText == variables[0].Identifier.ValueText => variables[0].Initializer?.Value,
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment }
            when SyntaxFactory.AreEquivalent(assignment.Left, target) => assignment.Right,
        _ => null,
    };

    private static bool SameShape(StatementSyntax a, StatementSyntax b) => (a, b) switch
    {
        (ReturnStatementSyntax { Expression: not null }, ReturnStatementSyntax { Expression: not null }) => true,
        (ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax x }, ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax y }) =>
            x.IsKind(SyntaxKind.SimpleAssignmentExpression) && y.IsKind(SyntaxKind.SimpleAssignmentExpression) && SyntaxFactory.AreEquivalent(x.Left, y.Left),
        _ => false,
    };

    private static StatementSyntax? Single(StatementSyntax statement) => statement switch
    {
        BlockSyntax { Statements.Count: 1 } block => block.Statements[0],
        BlockSyntax => null,
        _ => statement,
    };

    private static ExpressionSyntax Strip(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax p ? Strip(p.Expression) : expression;

    private static SyntaxNode? Unparenthesized(SyntaxNode? parent)
    {
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        return parent;
    }
}
