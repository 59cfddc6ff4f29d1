// CloudTrust on Azure: the Functions app (Flex Consumption, .NET isolated, Durable Task), its storage (task hub,
// rollout-requests queue, RotationHistory table), Key Vault (RBAC, purge protection), the Azure Relay hybrid
// connection to the on-premises agent with a Send-only rule for the app and a Listen-only rule for the agent, and
// Application Insights on Log Analytics. Deploy with `azd up` (azure.yaml at the repository root). Graph permissions
// are granted separately: see infra/README.md.

targetScope = 'resourceGroup'

@description('Region for every resource.')
param location string = resourceGroup().location

@description('Short name used to derive resource names.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'cloudtrust'

@description('NCRONTAB (six fields) schedule of the Kerberos key rotation timer.')
param rotationSchedule string = '0 0 3 * * 0'

@description('Domains whose Kerberos server key the rotation looks after.')
param rotationDomains array = []

@description('Largest key age, in days, before a scheduled rotation rotates a domain.')
param rotationMaxKeyAgeDays int = 30

@description('Object id of the on-premises agent\'s Entra service principal; when given, it is granted Key Vault Secrets User to read relay-listen-key and the signing key.')
param agentPrincipalId string = ''

@description('Name of the hybrid connection the agent listens on.')
param hybridConnectionName string = 'cloudtrust-agent'

@description('Sign callers in with Microsoft Entra ID (App Service Authentication) so that approvals name who gave them. Off by default: then an approval records only "function key". When on, the approval endpoints refuse a caller without a signed-in principal (401), because approving a Hello container deletion cannot be undone.')
param approvalAuthentication bool = false

@description('Client id of the Entra app registration App Service Authentication signs callers in with (needed when approvalAuthentication is true).')
param approvalAuthClientId string = ''

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = toLower(take('${replace(namePrefix, '-', '')}${suffix}', 24))
var vaultName = take('${namePrefix}-kv-${suffix}', 24)
var deploymentContainer = 'app-package'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource rolloutRequests 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'rollout-requests'
}

resource rolloutRequestsPoison 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'rollout-requests-poison'
}

// Rotation history (every key-rotation attempt): Flex Consumption has no persistent shared disk, so the app keeps it
// in this table (TableRotationHistory), reached at RotationHistoryTableUri with its managed identity.
resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource rotationHistory 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tables
  name: 'RotationHistory'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource relay 'Microsoft.Relay/namespaces@2021-11-01' = {
  name: '${namePrefix}-relay-${suffix}'
  location: location
  sku: { name: 'Standard', tier: 'Standard' }
}

resource hybridConnection 'Microsoft.Relay/namespaces/hybridConnections@2021-11-01' = {
  parent: relay
  name: hybridConnectionName
  properties: {
    requiresClientAuthorization: true
  }
}

// The app may only send; the agent may only listen. Their keys go into Key Vault (see infra/README.md).
resource sendRule 'Microsoft.Relay/namespaces/hybridConnections/authorizationRules@2021-11-01' = {
  parent: hybridConnection
  name: 'cloud-send'
  properties: {
    rights: [ 'Send' ]
  }
}

resource listenRule 'Microsoft.Relay/namespaces/hybridConnections/authorizationRules@2021-11-01' = {
  parent: hybridConnection
  name: 'agent-listen'
  properties: {
    rights: [ 'Listen' ]
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-func-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  tags: { 'azd-service-name': 'functions' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'KeyVaultUri', value: vault.properties.vaultUri }
        { name: 'TenantId', value: tenant().tenantId }
        { name: 'RelayAddress', value: 'https://${relay.name}.servicebus.windows.net/' }
        { name: 'RelayHybridConnection', value: hybridConnection.name }
        { name: 'RelaySendRule', value: sendRule.name }
        { name: 'RotationSchedule', value: rotationSchedule }
        { name: 'RotationPolicy', value: string({ schedule: rotationSchedule, maxKeyAgeDays: rotationMaxKeyAgeDays, domains: rotationDomains }) }
        { name: 'RotationHistoryTableUri', value: storage.properties.primaryEndpoints.table }
        { name: 'RotationHistoryTableName', value: rotationHistory.name }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Blob Data Owner: deployment package and task hub leases; Queue Data Contributor: task hub and rollout-requests (and its
// poison queue); Table Data Contributor (0a9a7e1f-…): task hub history and the RotationHistory table.
// App Service Authentication with Microsoft Entra ID (learn.microsoft.com, "Configure your App Service or Azure Functions
// app to use Microsoft Entra sign-in", authsettingsV2). Unauthenticated calls still reach the functions, which keep
// requiring their function key; a signed-in caller's name arrives in X-MS-CLIENT-PRINCIPAL-NAME, which the platform
// sets (and strips from clients) only when authentication is on (WEBSITE_AUTH_ENABLED).
resource approvalAuth 'Microsoft.Web/sites/config@2024-04-01' = if (approvalAuthentication) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: approvalAuthClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ 'api://${approvalAuthClientId}' ]
        }
      }
    }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [ roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor ]: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource agentVaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(agentPrincipalId)) {
  name: guid(vault.id, agentPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: agentPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

@description('The Functions app name.')
output functionAppName string = app.name

@description('The app identity, to grant the Graph application permissions to (infra/grant-graph-permissions.sh).')
output functionAppPrincipalId string = app.identity.principalId

@description('Key Vault URI: put relay-send-key, relay-listen-key and agent-request-signing-key here.')
output keyVaultUri string = vault.properties.vaultUri

@description('What the agent dials out to.')
output relayNamespaceHost string = '${relay.name}.servicebus.windows.net'

@description('The hybrid connection the agent listens on.')
output hybridConnection string = hybridConnection.name

@description('The Listen-only rule the agent uses.')
output agentListenRule string = listenRule.name
