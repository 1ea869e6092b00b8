using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// CIP0005: <c>UseForwardedHeaders</c> / <c>UseClientIp</c> registered after middleware that reads the client address
/// or scheme, on the same application builder, in straight-line order within one block. Not followed: other
/// blocks (an earlier <c>if</c>), other methods, lambdas passed to <c>Use</c>, and builders passed around.
/// <c>Map*</c> calls on a WebApplication and <c>UseRouting</c> are not treated as dependents: WebApplication runs
/// endpoints at the end of the pipeline wherever they are mapped, and routing only matches, it does not read the client.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForwardedHeadersOrderAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// Property with the start of the statement the forwarding call should move before; absent when the move could
    /// break the code (a chained call, or an argument declared in between).
    /// </summary>
    public const string InsertBeforeProperty = "InsertBefore";

    /// <summary>Property with the name of the first middleware that needs forwarding done before it.</summary>
    public const string DependentProperty = "Dependent";

    /// <summary>Middleware whose behaviour depends on the client address or the request scheme.</summary>
    internal static readonly ImmutableArray<(string Type, string Method)> DependentMiddleware = ImmutableArray.Create(
        ("Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions", "UseAuthentication"),
        ("Microsoft.AspNetCore.Builder.AuthorizationAppBuilderExtensions", "UseAuthorization"),
        ("Microsoft.AspNetCore.Builder.RateLimiterApplicationBuilderExtensions", "UseRateLimiter"),
        ("Microsoft.AspNetCore.Builder.HttpLoggingBuilderExtensions", "UseHttpLogging"),
        ("Microsoft.AspNetCore.Builder.HttpLoggingBuilderExtensions", "UseW3CLogging"),
        ("Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions", "UseCors"),
        ("Microsoft.AspNetCore.Builder.HttpsPolicyBuilderExtensions", "UseHttpsRedirection"),
        ("Microsoft.AspNetCore.Builder.HstsBuilderExtensions", "UseHsts"),
        ("Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions", "UseEndpoints"));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CIP0005);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed. ReportDiagnostics (everything we report is in handwritten code) spares the
        // driver its per-report [GeneratedCode] check, which walks the whole file (bench/analyzer-cost/README.md).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = WellKnownSymbols.For(start.Compilation);
            if (symbols.Get(WellKnownType.Microsoft_AspNetCore_Builder_IApplicationBuilder) is null)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, WellKnownSymbols symbols)
    {
        var forwarding = (IInvocationOperation)context.Operation;
        if (!symbols.IsForwarding(forwarding.TargetMethod) || OperationWalk.Receiver(forwarding) is not { } receiver || BuilderKey(receiver) is not { } key)
        {
            return;
        }

        var statement = StatementOf(forwarding);
        IInvocationOperation? dependent = null;
        IOperation? dependentStatement = null;
        if (statement?.Parent is IBlockOperation block)
        {
            foreach (var earlier in block.Operations)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (earlier == statement)
                {
                    break;
                }

                dependent = FirstDependent(Calls(earlier), key);
                if (dependent is not null)
                {
                    dependentStatement = earlier;
                    break;
                }
            }
        }

        // `app.UseAuthentication().UseForwardedHeaders()`: the dependent is earlier in the same chain.
        dependent ??= FirstDependent(Chain(receiver), key);
        if (dependent is null)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DependentProperty, dependent.TargetMethod.Name);
        if (dependentStatement is not null && statement is IExpressionStatementOperation { Operation: var whole } && whole == forwarding
            && !UsesLocalsDeclaredBetween(forwarding, (IBlockOperation)statement.Parent!, dependentStatement, statement))
        {
            properties = properties.Add(InsertBeforeProperty, dependentStatement.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CIP0005, LocationOf(forwarding), properties, forwarding.TargetMethod.Name, dependent.TargetMethod.Name));
    }

    // In a chain the inner (earlier) call ends first.
    private static IInvocationOperation? FirstDependent(IEnumerable<IInvocationOperation> calls, ISymbol key)
    {
        IInvocationOperation? first = null;
        foreach (var call in calls)
        {
            if (IsDependent(call.TargetMethod) && (first is null || call.Syntax.Span.End < first.Syntax.Span.End) &&
                OperationWalk.Receiver(call) is { } receiver && SymbolEqualityComparer.Default.Equals(BuilderKey(receiver), key))
            {
                first = call;
            }
        }

        return first;
    }

    // Invocations in a statement, without descending into lambdas or local functions (they run later, if ever).
    private static IEnumerable<IInvocationOperation> Calls(IOperation statement)
    {
        var pending = new Stack<IOperation>();
        pending.Push(statement);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (current is IInvocationOperation invocation)
            {
                yield return invocation;
            }

            foreach (var child in current.ChildOperations)
            {
                pending.Push(child);
            }
        }
    }

    // The calls a receiver is made of: `app.UseRouting().UseCors()` → UseCors(), UseRouting().
    private static IEnumerable<IInvocationOperation> Chain(IOperation receiver)
    {
        var current = OperationWalk.SkipConversions(receiver) as IInvocationOperation;
        while (current is not null)
        {
            yield return current;
            current = OperationWalk.Receiver(current) is { } next ? OperationWalk.SkipConversions(next) as IInvocationOperation : null;
        }
    }

    // The builder a call is made on: `app` in `app.UseRouting().UseAuthentication()`.
    private static ISymbol? BuilderKey(IOperation receiver)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            switch (OperationWalk.SkipConversions(receiver))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property:
                    return property.Property;
                case IInvocationOperation call when !call.TargetMethod.ReturnsVoid && OperationWalk.Receiver(call) is { } inner:
                    receiver = inner;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static IOperation? StatementOf(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is IBlockOperation)
            {
                return current;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }
        }

        return null;
    }

    // Moving `app.UseForwardedHeaders(options)` above `var options = ...` would not compile.
    private static bool UsesLocalsDeclaredBetween(IInvocationOperation forwarding, IBlockOperation block, IOperation from, IOperation to)
    {
        var declared = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var inRange = false;
        foreach (var statement in block.Operations)
        {
            if (statement == from)
            {
                inRange = true;
            }

            if (statement == to)
            {
                break;
            }

            if (inRange)
            {
                foreach (var declarator in statement.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>())
                {
                    declared.Add(declarator.Symbol);
                }
            }
        }

        return declared.Count > 0
            && forwarding.Descendants().OfType<ILocalReferenceOperation>().Any(l => declared.Contains(l.Local));
    }

    private static Location LocationOf(IInvocationOperation invocation)
    {
        // In a chain, point at `UseForwardedHeaders(...)`, not at the whole chain before it.
        if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax } access } syntax)
        {
            return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }

    /// <summary>
    /// Matched on the method and its class's full name rather than on symbols: this is only asked about the calls before
    /// a forwarding call, and looking up nine types in every compilation would cost more than all of these comparisons.
    /// </summary>
    private static bool IsDependent(IMethodSymbol method)
    {
        var type = (method.ReducedFrom ?? method).ContainingType;
        foreach (var (typeName, name) in DependentMiddleware)
        {
            if (method.Name == name && type.ContainingType is null && Members.HasFullName(type, typeName))
            {
                return true;
            }
        }

        return false;
    }
}
