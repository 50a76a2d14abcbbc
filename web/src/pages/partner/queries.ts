import { graphql } from '../../gql';

export const PartnerPerks = graphql(`
  query PartnerPerks {
    currentPartner {
      id
      name
      scopes
      perks {
        id
        name
        description
        createdAt
        archivedAt
        rule {
          minScore
          minIdentityAssurance
          maxOpenDefaults
          minAccountAgeDays
          minDimensions {
            dimension
            min
          }
        }
      }
    }
  }
`);
