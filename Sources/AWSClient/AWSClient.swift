/// A plain client for Amazon ECR's JSON 1.1 API. It arrives with the AWS client issue.
public enum AWSClient {}
