import AWSClient
import Foundation
import Testing
import TestSupport

/// The ECR client against a real emulator, every result read back with boto3.
@Suite struct ECRClientMotoTests {
    static func client(_ moto: MotoServer, accessKey: String = "testing", secret: String = "testing",
                       transport: CurlTransport = CurlTransport()) -> ECRClient {
        ECRClient(
            endpoint: Endpoint(url: moto.endpoint)!, region: "us-east-1",
            credentials: StaticCredentialProvider(Credentials(accessKeyID: accessKey, secretAccessKey: secret)),
            transport: transport, retry: RetryPolicy(maximumAttempts: 1))
    }

    @Test func createsARepositoryThatBoto3SeesWithEverySetting() async throws {
        let moto = try MotoServer()
        let ecr = Self.client(moto)
        let created = try await ecr.createRepository(CreateRepositoryInput(
            repositoryName: "team-a/user-service", tags: [ECRTag("managed-by", "ecr-apply"), ECRTag("team", "platform")],
            imageTagMutability: "IMMUTABLE", imageScanningConfiguration: .init(scanOnPush: true),
            encryptionConfiguration: .init(encryptionType: "AES256")))
        #expect(created.repositoryName == "team-a/user-service")

        let seen = try Python.boto3("""
            r = ecr.describe_repositories(repositoryNames=['team-a/user-service'])['repositories'][0]
            tags = ecr.list_tags_for_resource(resourceArn=r['repositoryArn'])['tags']
            out({'mutability': r['imageTagMutability'], 'scan': r['imageScanningConfiguration']['scanOnPush'],
                 'encryption': r['encryptionConfiguration']['encryptionType'], 'tags': {t['Key']: t['Value'] for t in tags}})
            """, endpoint: moto.endpoint) as! [String: Any]
        #expect(seen["mutability"] as? String == "IMMUTABLE")
        #expect(seen["scan"] as? Bool == true)
        #expect(seen["encryption"] as? String == "AES256")
        #expect(seen["tags"] as? [String: String] == ["managed-by": "ecr-apply", "team": "platform"])
    }

    @Test func policiesTagsAndSettingsRoundTrip() async throws {
        let moto = try MotoServer()
        let ecr = Self.client(moto)
        let repository = try await ecr.createRepository(CreateRepositoryInput(repositoryName: "order-service"))
        let lifecycle = #"{"rules":[{"rulePriority":1,"description":"keep 10","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}"#
        let policy = #"{"Version":"2012-10-17","Statement":[{"Sid":"AllowCrossAccountPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999888777666:root"},"Action":["ecr:BatchGetImage"]}]}"#
        #expect(try await ecr.getLifecyclePolicy(repository: "order-service") == nil, "none yet: nil, not an error")
        #expect(try await ecr.getRepositoryPolicy(repository: "order-service") == nil)
        try await ecr.putLifecyclePolicy(repository: "order-service", text: lifecycle)
        try await ecr.setRepositoryPolicy(repository: "order-service", text: policy)
        try await ecr.putImageTagMutability(repository: "order-service", mutability: "IMMUTABLE")
        try await ecr.putImageScanningConfiguration(repository: "order-service", scanOnPush: true)
        try await ecr.tagResource(resourceArn: repository.repositoryArn, tags: [ECRTag("a", "1"), ECRTag("b", "2")])
        try await ecr.untagResource(resourceArn: repository.repositoryArn, keys: ["a"])

        let seen = try Python.boto3("""
            r = ecr.describe_repositories(repositoryNames=['order-service'])['repositories'][0]
            out({'lifecycle': ecr.get_lifecycle_policy(repositoryName='order-service')['lifecyclePolicyText'],
                 'policy': ecr.get_repository_policy(repositoryName='order-service')['policyText'],
                 'mutability': r['imageTagMutability'], 'scan': r['imageScanningConfiguration']['scanOnPush'],
                 'tags': ecr.list_tags_for_resource(resourceArn=r['repositoryArn'])['tags']})
            """, endpoint: moto.endpoint) as! [String: Any]
        #expect(seen["lifecycle"] as? String == lifecycle)
        #expect(seen["policy"] as? String == policy)
        #expect(seen["mutability"] as? String == "IMMUTABLE")
        #expect(seen["scan"] as? Bool == true)
        #expect((seen["tags"] as? [[String: String]]) == [["Key": "b", "Value": "2"]])
        #expect(try await ecr.getLifecyclePolicy(repository: "order-service") == lifecycle)
        #expect(try await ecr.listTags(resourceArn: repository.repositoryArn) == [ECRTag("b", "2")])

        try await ecr.deleteLifecyclePolicy(repository: "order-service")
        try await ecr.deleteRepositoryPolicy(repository: "order-service")
        let gone = try Python.boto3("""
            errors = []
            for call in (ecr.get_lifecycle_policy, ecr.get_repository_policy):
                try: call(repositoryName='order-service')
                except ecr.exceptions.ClientError as e: errors.append(e.response['Error']['Code'])
            out(errors)
            """, endpoint: moto.endpoint) as! [String]
        #expect(gone == ["LifecyclePolicyNotFoundException", "RepositoryPolicyNotFoundException"])
    }

    @Test func errorsKeepWhatAWSSaid() async throws {
        let moto = try MotoServer()
        let ecr = Self.client(moto)
        let error = await #expect(throws: AWSError.self) { try await ecr.deleteRepository(name: "no-such-repo", force: false) }
        #expect(error?.code == "RepositoryNotFoundException")
        #expect(error?.status == 400)
        #expect(error?.operation == "DeleteRepository")
        #expect(error?.repository == "no-such-repo")
        #expect(error?.isNotFound == true)
        #expect(error?.message.contains("no-such-repo") == true)
        _ = try await ecr.createRepository(CreateRepositoryInput(repositoryName: "dup-repo"))
        let duplicate = await #expect(throws: AWSError.self) { try await ecr.createRepository(CreateRepositoryInput(repositoryName: "dup-repo")) }
        #expect(duplicate?.code == "RepositoryAlreadyExistsException")
    }

    @Test func registryWideSettingsAndOneCallForAllRepositories() async throws {
        let moto = try MotoServer()
        let ecr = Self.client(moto)
        for name in ["a-repo", "b-repo", "c-repo"] { _ = try await ecr.createRepository(CreateRepositoryInput(repositoryName: name)) }
        let before = ecr.statistics.byOperation["DescribeRepositories"] ?? 0
        let all = try await ecr.describeRepositories()
        #expect(all.map(\.repositoryName).sorted() == ["a-repo", "b-repo", "c-repo"])
        #expect(ecr.statistics.byOperation["DescribeRepositories"] == before + 1)

        let registry = try await ecr.describeRegistry()
        try await ecr.putReplicationConfiguration(ReplicationConfigurationShape(rules: [
            ReplicationRuleShape(destinations: [ReplicationDestination(region: "eu-west-1", registryId: registry.registryId)],
                                 repositoryFilters: [RepositoryFilter(filter: "a-", filterType: "PREFIX_MATCH")]),
        ]))
        try await ecr.putRegistryScanningConfiguration(RegistryScanningConfigurationShape(scanType: "ENHANCED", rules: [
            RegistryScanningRuleShape(scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [RepositoryFilter(filter: "*", filterType: "WILDCARD")]),
        ]))
        let seen = try Python.boto3("""
            out({'replication': ecr.describe_registry()['replicationConfiguration'],
                 'scanning': ecr.get_registry_scanning_configuration()['scanningConfiguration']})
            """, endpoint: moto.endpoint) as! [String: [String: Any]]
        let rule = (seen["replication"]?["rules"] as? [[String: Any]])?.first
        #expect((rule?["destinations"] as? [[String: String]])?.first?["region"] == "eu-west-1")
        #expect(seen["scanning"]?["scanType"] as? String == "ENHANCED")
        #expect(try await ecr.describeRegistry().replicationConfiguration?.rules.first?.repositoryFilters?.first?.filter == "a-")
        #expect(try await ecr.getRegistryScanningConfiguration().rules?.first?.scanFrequency == "CONTINUOUS_SCAN")
    }

    @Test func describesImagesPushedWithBoto3() async throws {
        let moto = try MotoServer()
        let ecr = Self.client(moto)
        _ = try await ecr.createRepository(CreateRepositoryInput(repositoryName: "img-repo"))
        _ = try Python.boto3("""
            import hashlib
            for tag in ('v1', 'v2'):
                manifest = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json',
                    'config': {'digest': 'sha256:' + hashlib.sha256(tag.encode()).hexdigest(), 'size': 1, 'mediaType': 'application/vnd.docker.container.image.v1+json'},
                    'layers': []})
                ecr.put_image(repositoryName='img-repo', imageManifest=manifest, imageTag=tag)
            out(True)
            """, endpoint: moto.endpoint)
        let images = try await ecr.describeImages(repository: "img-repo")
        #expect(Set(images.flatMap { $0.imageTags ?? [] }) == ["v1", "v2"])
        #expect(try await ecr.listImages(repository: "img-repo").count == 2)
    }
}
