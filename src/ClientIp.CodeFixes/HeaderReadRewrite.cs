using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes;

/// <summary>
/// Plans the rewrite of one client-IP header read (CIP0002) or leftmost-entry selection (CIP0003): it widens the
/// reported expression to the whole derivation of an address from the header and replaces that with the resolver
/// call of the same kind of value (text or <c>IPAddress</c>). The "header if present, else the peer address"
/// idiom, written with <c>??</c>, a conditional expression or an if/else, collapses into the resolver call built
/// from the fallback branch, which already has the type the surrounding code expects.
/// </summary>
internal sealed class HeaderReadRewrite
{
    private static readonly HashSet<string> DerivationMethods = new()
    {
        "ToString", "Split", "Trim", "TrimStart", "TrimEnd", "First", "FirstOrDefault", "Last", "LastOrDefault",
        "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "Substring", "ToLower", "ToLowerInvariant",
        "ToUpper", "ToUpperInvariant", "Select", "ToArray", "AsSpan",
    };

    private readonly SemanticModel model;
    private readonly WellKnownSymbols symbols;
    private readonly HttpContextLocator locator;
    private readonly ResolverCallFactory calls;
    private readonly RemoteAddressRewrite remote;
    private readonly SyntaxGenerator generator;
    private readonly CancellationToken cancellationToken;

    public HeaderReadRewrite(SemanticModel model, WellKnownSymbols symbols, SyntaxGenerator generator, CancellationToken cancellationToken)
    {
        this.model = model;
        this.symbols = symbols;
        this.generator = generator;
        this.cancellationToken = cancellationToken;
        locator = new HttpContextLocator(model, symbols, cancellationToken);
        calls = new ResolverCallFactory(generator);
        remote = new RemoteAddressRewrite(model, symbols, locator, calls, cancellationToken);
    }

    /// <summary>Locals followed to reach the HttpContext (e.g. <c>var headers = ctx.Request.Headers;</c>).</summary>
    public IEnumerable<ILocalSymbol> FollowedLocals => locator.FollowedLocals;

    /// <summary>The plan for the read at <paramref name="read"/>, or null when no safe rewrite exists.</summary>
    public RewritePlan? Plan(SyntaxNode read)
    {
        if (read is ArgumentSyntax argument)
        {
            read = argument.Expression;
        }

        if (read is ParameterSyntax or AttributeSyntax or AttributeArgumentSyntax)
        {
            return null; // [FromHeader] parameters: the binding itself is the read; see FromHeaderParameterRewrite.
        }

        if (read is not ExpressionSyntax start || UsesEveryEntry(start))
        {
            return null;
        }

        return WholeBodyPlan(start) ?? FallbackPlan(start) ?? DerivationPlan(start);
    }

    /// <summary>
    /// Whether the read's value is used entry by entry (iterated, counted, joined, indexed past the first), as the
    /// analyzers' own value-use summary sees it: one resolved address cannot stand in for a list.
    /// </summary>
    private bool UsesEveryEntry(ExpressionSyntax read) =>
        model.GetOperation(read, cancellationToken) is { } operation &&
        HeaderReadMatcher.Match(operation, symbols, cancellationToken) is { Value: { } value } headerRead &&
        ValueUses.Summarize(value, headerRead.IsText, symbols, cancellationToken).AllEntries > 0;

    /// <summary>A remote-address read rewritten on its own (CIP0001).</summary>
    public RewritePlan? PlanRemoteRead(SyntaxNode read)
    {
        // The analyzer reports a null-conditional chain as a whole (x?.Connection.RemoteIpAddress): find the read in it.
        if (!remote.IsRemoteAddressRead(read))
        {
            read = read.DescendantNodes().FirstOrDefault(remote.IsRemoteAddressRead) ?? read;
        }

        if (remote.Plan(read) is not { } planned)
        {
            return null;
        }

        var plan = new RewritePlan().Replace(planned.Target, planned.Replacement);
        AddReferencedLocals(planned.Target, plan);
        return plan;
    }

    // --- a derivation on its own: header read -> ToString/Split/[0]/Trim/IPAddress.Parse ... ---------------------

    private RewritePlan? DerivationPlan(ExpressionSyntax start)
    {
        var whole = Widen(start);
        var context = ContextFor(start);
        if (context is null)
        {
            return null;
        }

        var type = model.GetTypeInfo(whole, cancellationToken).Type;
        ExpressionSyntax replacement;
        if (symbols.IsOrImplements(type, System_Net_IPAddress))
        {
            replacement = calls.IpAddress(context);
        }
        else if (type?.SpecialType == SpecialType.System_String || symbols.IsOrImplements(type, Microsoft_Extensions_Primitives_StringValues))
        {
            replacement = calls.Text(context);
            if (TargetRejectsNull(whole))
            {
                // The old text was "" when the header was missing (StringValues.ToString()); keep the target non-null.
                replacement = Coalesce(replacement, (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(SpecialType.System_String), "Empty"));
            }
        }
        else
        {
            return null; // every entry (string[]), a bool from TryGetValue, a count...: the rewrite cannot keep it.
        }

        var plan = new RewritePlan();
        if (whole.Parent is ConditionalAccessExpressionSyntax { Expression: var head } && head == whole)
        {
            replacement = SyntaxFactory.ParenthesizedExpression(replacement);
        }

        plan.Replace(whole, replacement);
        AdjustDeclaredType(whole, type, plan);
        AddReferencedLocals(whole, plan);
        return plan;
    }

    /// <summary>
    /// Whether the value flows straight into a non-nullable string (a return, an argument, an assignment) in a
    /// nullable-enabled context, where a null would be a new warning (an error under -warnaserror).
    /// Local declarations are handled by making the local nullable instead.
    /// </summary>
    private bool TargetRejectsNull(ExpressionSyntax whole)
    {
        if ((model.GetNullableContext(whole.SpanStart) & NullableContext.AnnotationsEnabled) == 0)
        {
            return false;
        }

        var parent = whole.Parent;
        while (parent is ParenthesizedExpressionSyntax)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case ReturnStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax:
                // A lambda's return type is inferred from its body, so it simply becomes nullable.
                var function = parent.AncestorsAndSelf().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or AccessorDeclarationSyntax);
                if (function is null or AnonymousFunctionExpressionSyntax)
                {
                    return false;
                }

                var symbol = model.GetDeclaredSymbol(function, cancellationToken);
                return symbol switch
                {
                    IMethodSymbol method => IsNonNullableString(method.ReturnType, method.ReturnNullableAnnotation),
                    IPropertySymbol property => IsNonNullableString(property.Type, property.NullableAnnotation),
                    _ => false,
                };
            case ArgumentSyntax argument when model.GetOperation(argument, cancellationToken) is Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter: { } parameter }:
                return IsNonNullableString(parameter.Type, parameter.NullableAnnotation);
            case AssignmentExpressionSyntax assignment when assignment.Right == whole || assignment.Right.Span.Contains(whole.Span):
                var target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
                return target switch
                {
                    IPropertySymbol property => IsNonNullableString(property.Type, property.NullableAnnotation),
                    IFieldSymbol field => IsNonNullableString(field.Type, field.NullableAnnotation),
                    _ => false,
                };
            default:
                return false;
        }
    }

    private static bool IsNonNullableString(ITypeSymbol type, NullableAnnotation annotation) =>
        type.SpecialType == SpecialType.System_String && annotation == NullableAnnotation.NotAnnotated;

    /// <summary>Widens the reported read over the steps that only turn the header value into one address.</summary>
    public ExpressionSyntax Widen(ExpressionSyntax start)
    {
        var current = start;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case ParenthesizedExpressionSyntax:
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression }:
                case CastExpressionSyntax cast when model.GetTypeInfo(cast, cancellationToken).Type?.SpecialType == SpecialType.System_String:
                    current = (ExpressionSyntax)parent;
                    continue;
                case MemberAccessExpressionSyntax member when member.Expression == current &&
                    member.Parent is InvocationExpressionSyntax invocation && invocation.Expression == member &&
                    DerivationMethods.Contains(member.Name.Identifier.ValueText):
                    current = invocation;
                    continue;
                case ElementAccessExpressionSyntax element when element.Expression == current && IsIndexable(current):
                    current = element;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == current && IsDerivationChain(conditional.WhenNotNull):
                    current = conditional;
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation } } when IsAddressParse(invocation):
                    current = invocation;
                    continue;
                default:
                    return current;
            }
        }
    }

    private bool IsIndexable(ExpressionSyntax expression)
    {
        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        return type is IArrayTypeSymbol || symbols.IsOrImplements(type, Microsoft_Extensions_Primitives_StringValues);
    }

    private bool IsDerivationChain(ExpressionSyntax whenNotNull) => whenNotNull switch
    {
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => DerivationMethods.Contains(binding.Name.Identifier.ValueText),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } =>
            DerivationMethods.Contains(member.Name.Identifier.ValueText) && IsDerivationChain(member.Expression),
        ElementBindingExpressionSyntax => true,
        ElementAccessExpressionSyntax element => IsDerivationChain(element.Expression),
        ConditionalAccessExpressionSyntax conditional => IsDerivationChain(conditional.Expression) && IsDerivationChain(conditional.WhenNotNull),
        _ => false,
    };

    private bool IsAddressParse(InvocationExpressionSyntax invocation) =>
        model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Parse", IsStatic: true } method &&
        symbols.IsOrImplements(method.ContainingType, System_Net_IPAddress);

    /// <summary><c>string ip = …</c> becomes <c>string? ip = …</c>: the resolver may know no address.</summary>
    private void AdjustDeclaredType(ExpressionSyntax whole, ITypeSymbol? valueType, RewritePlan plan)
    {
        if (whole.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator } ||
            declaration.Variables.Count != 1 ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return;
        }

        if (declaration.Type.IsVar)
        {
            // var of StringValues would silently become a string; keep the declared kind of value.
            if (symbols.IsOrImplements(valueType, Microsoft_Extensions_Primitives_StringValues))
            {
                plan.Replace(declaration.Type, generator.TypeExpression(symbols.Get(Microsoft_Extensions_Primitives_StringValues)!, addImport: true));
            }

            return;
        }

        var nullableEnabled = (model.GetNullableContext(whole.SpanStart) & NullableContext.AnnotationsEnabled) != 0;
        if (nullableEnabled && local.Type.IsReferenceType && local.NullableAnnotation == NullableAnnotation.NotAnnotated &&
            declaration.Type is not NullableTypeSyntax)
        {
            plan.Replace(declaration.Type, SyntaxFactory.NullableType(declaration.Type.WithoutTrivia()));
        }
    }

    // --- "header if present, else the peer address" -------------------------------------------------------------

    private RewritePlan? FallbackPlan(ExpressionSyntax start)
    {
        SyntaxNode inner = start;
        for (var node = start.Parent; node is not null && !IsFunctionBoundary(node); inner = node, node = node.Parent)
        {
            switch (node)
            {
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == inner && IsFallback(coalesce.Right, start):
                    return Collapse(coalesce, coalesce.Right);
                case ConditionalExpressionSyntax conditional:
                    if (IsFallback(conditional.WhenFalse, start) && !IsFallback(conditional.WhenTrue, start))
                    {
                        return Collapse(conditional, conditional.WhenFalse);
                    }

                    if (IsFallback(conditional.WhenTrue, start) && !IsFallback(conditional.WhenFalse, start))
                    {
                        return Collapse(conditional, conditional.WhenTrue);
                    }

                    break;
                case IfStatementSyntax ifStatement when StatementFallback(ifStatement, start) is { } plan:
                    return plan;
                case StatementSyntax statement when FallbackAfter(statement, start) is { } plan:
                    return plan;
            }
        }

        return null;
    }

    /// <summary><c>if (header) x = H; else x = F;</c>, <c>if (header) return H; return F;</c>, <c>x = F; if (header) x = H;</c>.</summary>
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
        if (then is ReturnStatementSyntax && index + 1 < block.Statements.Count &&
            block.Statements[index + 1] is ReturnStatementSyntax fallbackReturn && IsFallbackStatement(fallbackReturn, start))
        {
            var plan = CollapseStatement(ifStatement, fallbackReturn);
            return plan?.Remove(fallbackReturn);
        }

        // x = F; if (header) x = H;  (the default is the peer, the header overrides it)
        if (then is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && index > 0 &&
            FallbackValueOf(block.Statements[index - 1], assignment.Left) is { } fallback && IsFallback(fallback, start))
        {
            var plan = Collapse(fallback, fallback);
            return plan?.Remove(ifStatement);
        }

        return null;
    }

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
            !next.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => assignment.Left.IsEquivalentTo(id)))
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
        AddReferencedLocals(target, plan);
        if (target is ExpressionSyntax expression)
        {
            AdjustDeclaredType(expression, model.GetTypeInfo(fallback, cancellationToken).Type, plan);
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
        AddReferencedLocals(target, plan);
        return plan;
    }

    /// <summary>The fallback with each peer-address read turned into the resolver call.</summary>
    private ExpressionSyntax? RewriteFallback(ExpressionSyntax fallback)
    {
        var reads = fallback.DescendantNodesAndSelf().Where(remote.IsRemoteAddressRead).ToArray();
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
        if (expression.Span.Contains(start.Span) || ReadsHeader(expression))
        {
            return false;
        }

        return expression.DescendantNodesAndSelf().Any(n => remote.IsRemoteAddressRead(n) || remote.IsResolverCall(n));
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
            when assignment.Left.IsEquivalentTo(target) => assignment.Right,
        _ => null,
    };

    private static bool SameShape(StatementSyntax a, StatementSyntax b) => (a, b) switch
    {
        (ReturnStatementSyntax { Expression: not null }, ReturnStatementSyntax { Expression: not null }) => true,
        (ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax x }, ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax y }) =>
            x.IsKind(SyntaxKind.SimpleAssignmentExpression) && y.IsKind(SyntaxKind.SimpleAssignmentExpression) && x.Left.IsEquivalentTo(y.Left),
        _ => false,
    };

    private static StatementSyntax? Single(StatementSyntax statement) => statement switch
    {
        BlockSyntax { Statements.Count: 1 } block => block.Statements[0],
        BlockSyntax => null,
        _ => statement,
    };

    // --- a helper whose whole body derives the address -----------------------------------------------------------

    /// <summary>
    /// <c>string GetClientIp(HttpContext c) { var h = c.Request.Headers["X-Forwarded-For"]; ... return ...; }</c>:
    /// when every statement only serves the derivation, the body becomes one return of the resolver call.
    /// </summary>
    private RewritePlan? WholeBodyPlan(ExpressionSyntax start)
    {
        var function = start.Ancestors().FirstOrDefault(IsFunctionBoundary);
        var body = function switch
        {
            BaseMethodDeclarationSyntax declaration => declaration.Body,
            LocalFunctionStatementSyntax localFunction => localFunction.Body,
            AccessorDeclarationSyntax accessor => accessor.Body,
            _ => null,
        };
        if (body is null || body.Statements.Count < 2 || body.Statements[body.Statements.Count - 1] is not ReturnStatementSyntax ||
            model.GetDeclaredSymbol(function!, cancellationToken) is not IMethodSymbol method ||
            !(symbols.IsOrImplements(method.ReturnType, System_Net_IPAddress) || method.ReturnType.SpecialType == SpecialType.System_String))
        {
            return null;
        }

        var derived = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!body.Statements.All(s => ServesDerivation(s, derived)))
        {
            return null;
        }

        var context = ContextFor(start);
        if (context is null)
        {
            return null;
        }

        ExpressionSyntax value;
        var nullableEnabled = (model.GetNullableContext(body.SpanStart) & NullableContext.AnnotationsEnabled) != 0;
        var mustNotBeNull = nullableEnabled && method.ReturnNullableAnnotation == NullableAnnotation.NotAnnotated;
        if (symbols.IsOrImplements(method.ReturnType, System_Net_IPAddress))
        {
            value = calls.IpAddress(context);
            if (mustNotBeNull)
            {
                value = Coalesce(value, (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(symbols.Get(System_Net_IPAddress)!), "None"));
            }
        }
        else
        {
            value = calls.Text(context);
            if (mustNotBeNull)
            {
                // Keep the helper's own "unknown" text if it had one, else the empty string StringValues.ToString() gave.
                var unknown = body.DescendantNodes().OfType<LiteralExpressionSyntax>()
                    .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression) && (l.Parent is ReturnStatementSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }));
                value = Coalesce(value, unknown?.WithoutTrivia() ?? (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(SpecialType.System_String), "Empty"));
            }
        }

        var newBody = body.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(
            SyntaxFactory.ReturnStatement(value).WithTriviaFrom(body.Statements[0])));
        return new RewritePlan().Replace(body, newBody);
    }

    // `a?.b ?? c` needs no parentheses; SyntaxGenerator would add them.
    private static ExpressionSyntax Coalesce(ExpressionSyntax left, ExpressionSyntax right) =>
        SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, left, right);

    private bool ServesDerivation(StatementSyntax statement, HashSet<ISymbol> derived)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (variable.Initializer is { } initializer && !(IsDerivationShape(initializer.Value) && IsDerivedValue(initializer.Value, derived)))
                    {
                        return false;
                    }

                    if (model.GetDeclaredSymbol(variable, cancellationToken) is { } local)
                    {
                        derived.Add(local);
                    }
                }

                return true;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target && derived.Contains(target) &&
                       IsDerivationShape(assignment.Right) && IsDerivedValue(assignment.Right, derived);
            case ReturnStatementSyntax { Expression: { } value }:
                return IsDerivationShape(value) && (IsDerivedValue(value, derived) || value is LiteralExpressionSyntax);
            case IfStatementSyntax ifStatement:
                // out variables declared in the condition (TryGetValue(..., out var v)) are derived values too.
                foreach (var designation in ifStatement.Condition.DescendantNodes().OfType<SingleVariableDesignationSyntax>())
                {
                    if (model.GetDeclaredSymbol(designation, cancellationToken) is { } outLocal)
                    {
                        derived.Add(outLocal);
                    }
                }

                return IsDerivedValue(ifStatement.Condition, derived) &&
                       ServesDerivation(ifStatement.Statement, derived) &&
                       (ifStatement.Else is null || ServesDerivation(ifStatement.Else.Statement, derived));
            case BlockSyntax block:
                return block.Statements.All(s => ServesDerivation(s, derived));
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the value is only an address (text or IPAddress) picked out of its sources: names, member and element
    /// accesses, derivation steps, <c>??</c> and <c>?:</c>. <c>$"hello {ip}"</c> or <c>Normalize(ip)</c> are not.
    /// </summary>
    private bool IsDerivationShape(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or LiteralExpressionSyntax or MemberBindingExpressionSyntax or ElementBindingExpressionSyntax => true,
        ParenthesizedExpressionSyntax parenthesized => IsDerivationShape(parenthesized.Expression),
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => IsDerivationShape(suppressed.Operand),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => IsDerivationShape(coalesce.Left) && IsDerivationShape(coalesce.Right),
        ConditionalExpressionSyntax conditional => IsDerivationShape(conditional.WhenTrue) && IsDerivationShape(conditional.WhenFalse),
        ConditionalAccessExpressionSyntax conditional => IsDerivationShape(conditional.Expression) && IsDerivationShape(conditional.WhenNotNull),
        MemberAccessExpressionSyntax member => IsDerivationShape(member.Expression),
        ElementAccessExpressionSyntax element => IsDerivationShape(element.Expression),
        InvocationExpressionSyntax invocation => model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method &&
            (DerivationMethods.Contains(method.Name) || method.Name is "Parse" or "GetCommaSeparatedValues" || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.ResolverExtensions)) &&
            invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => IsDerivationShape(member.Expression),
                MemberBindingExpressionSyntax => true,
                _ => false,
            } && invocation.ArgumentList.Arguments.All(a => a.Expression is LiteralExpressionSyntax || IsDerivationShape(a.Expression)),
        _ => false,
    };

    /// <summary>Built only from headers, the peer address and values derived from them, with no other effect.</summary>
    private bool IsDerivedValue(ExpressionSyntax expression, HashSet<ISymbol> derived)
    {
        var nodes = expression.DescendantNodesAndSelf().ToArray();
        if (nodes.Any(n => n is AssignmentExpressionSyntax or AwaitExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
        {
            return false;
        }

        var usesSource = false;
        foreach (var node in nodes)
        {
            if (node is IdentifierNameSyntax identifier && model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol)
            {
                if (derived.Contains(symbol) || IsHeaderSource(symbol) || remote.IsRemoteAddressRead(identifier.Parent!))
                {
                    usesSource = true;
                }
                else if (symbol is ILocalSymbol)
                {
                    return false; // some other local: the body does more than derive the address
                }
            }

            if (node is InvocationExpressionSyntax invocation && !IsSideEffectFree(invocation))
            {
                return false;
            }
        }

        return usesSource;
    }

    private bool IsHeaderSource(ISymbol symbol) =>
        symbol is IPropertySymbol { Name: "Headers" } property && symbols.IsOrImplements(property.Type, Microsoft_AspNetCore_Http_IHeaderDictionary);

    private bool IsSideEffectFree(InvocationExpressionSyntax invocation)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        return DerivationMethods.Contains(method.Name) || method.Name is "TryGetValue" or "GetCommaSeparatedValues" or "IsNullOrEmpty" or
            "IsNullOrWhiteSpace" or "Parse" or "TryParse" or "Get" or "Contains" or "ContainsKey" or "IndexOf" or "GetHttpContext" ||
            SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.ResolverExtensions);
    }

    // --- shared -----------------------------------------------------------------------------------------------

    /// <summary>The HttpContext owning the header read at <paramref name="start"/>, else one in scope.</summary>
    private ContextAccess? ContextFor(ExpressionSyntax start)
    {
        foreach (var receiver in HeaderReceivers(start, hops: 0))
        {
            if (locator.FromReceiver(receiver, hops: 0) is { } found)
            {
                return found;
            }
        }

        return locator.InScope(start);
    }

    /// <summary>
    /// The expressions a header value comes from: the dictionary of an indexer or TryGetValue, the request of
    /// GetCommaSeparatedValues, following locals (<c>var xff = ...; xff.Split(',')[0]</c>) back to their source.
    /// </summary>
    private IEnumerable<ExpressionSyntax> HeaderReceivers(ExpressionSyntax expression, int hops)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Headers" } headers:
                    yield return headers;
                    break;
                case ElementAccessExpressionSyntax element when symbols.IsOrImplements(model.GetTypeInfo(element.Expression, cancellationToken).Type, Microsoft_AspNetCore_Http_IHeaderDictionary):
                    yield return element.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } when
                    symbols.IsOrImplements(model.GetTypeInfo(member.Expression, cancellationToken).Type, Microsoft_AspNetCore_Http_IHeaderDictionary) ||
                    symbols.IsOrImplements(model.GetTypeInfo(member.Expression, cancellationToken).Type, Microsoft_AspNetCore_Http_HttpRequest):
                    yield return member.Expression;
                    break;
                case IdentifierNameSyntax identifier when hops < 4 && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local:
                    var source = locator.SingleInitializer(local) ?? OutArgumentSource(local);
                    if (source is not null)
                    {
                        foreach (var receiver in HeaderReceivers(source, hops + 1))
                        {
                            yield return receiver;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>For <c>TryGetValue("X-Real-IP", out var v)</c>: the invocation that fills v.</summary>
    private ExpressionSyntax? OutArgumentSource(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken)
            .FirstAncestorOrSelf<InvocationExpressionSyntax>();

    private bool ReadsHeader(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Any(e =>
            e is MemberAccessExpressionSyntax or IdentifierNameSyntax &&
            model.GetSymbolInfo(e, cancellationToken).Symbol is { } symbol && (IsHeaderSource(symbol) || symbol is ILocalSymbol local && IsHeaderLocal(local)));

    private bool IsHeaderLocal(ILocalSymbol local) =>
        symbols.IsOrImplements(local.Type, Microsoft_AspNetCore_Http_IHeaderDictionary) || symbols.IsOrImplements(local.Type, Microsoft_Extensions_Primitives_StringValues) ||
        (locator.SingleInitializer(local) is { } initializer && ReadsHeaderShallow(initializer));

    private bool ReadsHeaderShallow(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(e =>
            model.GetSymbolInfo(e, cancellationToken).Symbol is { } symbol && IsHeaderSource(symbol));

    private void AddReferencedLocals(SyntaxNode target, RewritePlan plan)
    {
        foreach (var identifier in target.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
            {
                plan.CandidateLocals.Add(local);
            }
        }

        plan.CandidateLocals.UnionWith(locator.FollowedLocals);
    }

    private static bool IsFunctionBoundary(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or
            MemberDeclarationSyntax;
}
